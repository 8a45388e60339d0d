import type { SemaphoreProfile } from './profile.js';
import { Semaphore } from './semaphore.js';

export interface PoolGauges {
  readonly running: number;
  readonly queued: number;
}

/**
 * The instance's nodes, each with its own API_INT semaphore. The load balancer keeps a session on
 * the node that started it (a real instance pins it with a cookie); a request without a known
 * session goes to the next node in turn. So adding nodes helps cookie-less clients only.
 */
export class NodePool {
  private readonly nodes: Semaphore[];
  private readonly affinity = new Map<string, Semaphore>();
  private next = 0;

  constructor(profile: SemaphoreProfile, onChange: (gauges: PoolGauges) => void) {
    const report = () => onChange(this.gauges());
    this.nodes = Array.from({ length: profile.nodes }, () => new Semaphore(profile.threads, profile.queue, report));
  }

  /** The node a request lands on: its session's node, or the next one in turn. */
  nodeFor(sessionId: string | undefined): Semaphore {
    const pinned = sessionId ? this.affinity.get(sessionId) : undefined;
    if (pinned) return pinned;
    const node = this.nodes[this.next % this.nodes.length] as Semaphore;
    this.next += 1;
    return node;
  }

  /** Keep a session that was just started on `node` there. */
  pin(sessionId: string, node: Semaphore): void {
    this.affinity.set(sessionId, node);
  }

  /** Transactions running and waiting, summed over the nodes. */
  gauges(): PoolGauges {
    let running = 0;
    let queued = 0;
    for (const node of this.nodes) {
      running += node.running;
      queued += node.queued;
    }
    return { running, queued };
  }
}
