import { Session } from './session.js';

/**
 * A fixed pool of sessions, one request in flight on each. A ServiceNow session runs one
 * transaction at a time and drops waiters past ten with a 202, so parallel requests on one
 * cookie only queue (or vanish); no cookie at all makes a new session per request. N sessions
 * with one request each gives N-way parallelism, and N defaults to 4, the API_INT semaphore
 * pool of one node, which MID Servers and other integrations share.
 */
export class SessionPool {
  private readonly free: Session[];
  private readonly waiting: ((session: Session) => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`concurrency must be a positive integer, got ${size}`);
    this.free = Array.from({ length: size }, () => new Session());
  }

  /** Run `work` on a session of its own; waits (first come, first served) while all are busy. */
  async use<T>(work: (session: Session) => Promise<T>): Promise<T> {
    const session = await this.acquire();
    try {
      return await work(session);
    } finally {
      this.release(session);
    }
  }

  private acquire(): Promise<Session> {
    const session = this.free.pop();
    if (session) return Promise.resolve(session);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(session: Session): void {
    const next = this.waiting.shift();
    if (next) next(session);
    else this.free.push(session);
  }
}
