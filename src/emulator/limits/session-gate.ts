import type { SessionProfile } from './profile.js';
import { NOTHING_HELD, Semaphore, type Release } from './semaphore.js';

/**
 * Session synchronisation (SERVICENOW.md §2.3): a session runs `concurrent` transactions at once
 * and the rest wait in line; past `maxWaiters` waiting (com.glide.request.max_waiters, default 10)
 * a request is dropped, which clients see as HTTP 202 with nothing done. Requests without a
 * session cookie each start their own session and never wait here.
 */
export class SessionGate {
  private readonly lanes = new Map<string, Semaphore>();

  constructor(
    private readonly profile: SessionProfile,
    private readonly onWaiters: (waiting: number) => void,
  ) {}

  /** A place in the session's lane; undefined when the request is dropped (answer 202). */
  async enter(sessionId: string | undefined): Promise<Release | undefined> {
    if (!sessionId) return NOTHING_HELD;
    let lane = this.lanes.get(sessionId);
    if (!lane) {
      lane = new Semaphore(this.profile.concurrent, this.profile.maxWaiters, () => this.recount());
      this.lanes.set(sessionId, lane);
    }
    const release = await lane.acquire();
    if (!release) return undefined;
    const held = lane;
    return () => {
      release();
      if (held.idle) this.lanes.delete(sessionId);
    };
  }

  /** Reports the longest line of waiters on any one session. */
  private recount(): void {
    let waiting = 0;
    for (const lane of this.lanes.values()) waiting = Math.max(waiting, lane.queued);
    this.onWaiters(waiting);
  }
}
