import type { Actor } from '../actor.js';
import { InstanceError } from '../errors.js';
import type { Instance } from '../instance.js';
import type { Stats } from '../stats.js';
import { FaultInjector } from './faults.js';
import { NodePool } from './node-pool.js';
import { servesWithLimits, type LimitsProfile } from './profile.js';
import { RateLimiter, type RestResource } from './rate-limits.js';
import { realSleep, type Sleep } from './server-time.js';
import { SessionGate } from './session-gate.js';

export interface LimitsOptions {
  readonly profile?: LimitsProfile;
  /** How emulated time passes; tests inject one that they hold or skip. */
  readonly sleep?: Sleep;
}

/**
 * The limits of one emulated instance, built from its profile: the nodes' API_INT semaphores,
 * the session gate, the fault injector and the rate limiter, with the statistics they feed.
 * `active` is false for an empty profile, and then the server takes its unlimited path.
 */
export class Limits {
  readonly profile: LimitsProfile;
  readonly active: boolean;
  readonly pool: NodePool | undefined;
  readonly gate: SessionGate | undefined;
  readonly faults: FaultInjector | undefined;
  private readonly sleep: Sleep;
  /**
   * Milliseconds on the emulated clock. In real time the emulator's own work on a request is
   * counted as part of the server time it models; under an injected sleep, emulated time
   * moves only by pauses, so that work costs none.
   */
  readonly clock: () => number;
  private readonly rates = new RateLimiter();
  private readonly injectedSleep: Sleep | undefined;

  constructor(
    private readonly stats: Stats,
    options: LimitsOptions = {},
  ) {
    this.profile = options.profile ?? {};
    this.sleep = options.sleep ?? realSleep;
    this.injectedSleep = options.sleep;
    this.clock = options.sleep === undefined ? () => performance.now() : () => 0;
    this.active = servesWithLimits(this.profile);
    const { semaphore, sessions, faults } = this.profile;
    this.pool = semaphore
      ? new NodePool(semaphore, ({ running, queued }) => {
          stats.peakConcurrency = Math.max(stats.peakConcurrency, running);
          stats.peakQueueDepth = Math.max(stats.peakQueueDepth, queued);
        })
      : undefined;
    this.gate = sessions
      ? new SessionGate(sessions, (waiting) => (stats.peakSessionWaiters = Math.max(stats.peakSessionWaiters, waiting)))
      : undefined;
    this.faults = faults ? new FaultInjector(faults) : undefined;
  }

  /** The same instance's limits under another profile (the sleep stays); counts start again. */
  withProfile(profile: LimitsProfile): Limits {
    return new Limits(this.stats, { profile, ...(this.injectedSleep ? { sleep: this.injectedSleep } : {}) });
  }

  /** Let `ms` of emulated time pass (nothing to wait for at 0). */
  async pause(ms: number): Promise<void> {
    if (ms > 0) await this.sleep(ms);
  }

  /** Rate-limit headers for an authenticated API request; throws the 429 past its rule's limit. */
  admit(instance: Instance, actor: Actor, resource: RestResource): Record<string, string> {
    try {
      return this.rates.admit(instance, actor, resource);
    } catch (error) {
      if (error instanceof InstanceError && error.status === 429) this.stats.count(this.stats.rejections, 'rate-limit');
      throw error;
    }
  }

  /** Transactions running and waiting right now (for tests that wait for a queue to fill). */
  gauges(): { running: number; queued: number } {
    return this.pool?.gauges() ?? { running: 0, queued: 0 };
  }

  /** Forget rate counts and replay faults from the seed, as after `/__snac/reset`. */
  reset(): void {
    this.rates.reset();
    this.faults?.reset();
  }
}
