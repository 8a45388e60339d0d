/** Request statistics the control endpoint reports, for tests and benchmarks to assert on. */
export class Stats {
  requests = 0;
  readonly byRoute = new Map<string, number>();
  readonly byStatus = new Map<number, number>();
  rowsServed = 0;
  writes = 0;
  /** Faults injected, by kind (limits/profile.ts FAULT_KINDS). */
  readonly faults = new Map<string, number>();
  /** Requests refused by a limit, by limit: semaphore, session, rate-limit, quota. */
  readonly rejections = new Map<string, number>();
  /** Most API transactions running at once, and most waiting for the semaphore, over all nodes. */
  peakConcurrency = 0;
  peakQueueDepth = 0;
  /** Longest line of requests waiting on one session. */
  peakSessionWaiters = 0;

  /** A request answered with `status`, or, without one, a connection dropped unanswered. */
  record(route: string, status?: number): void {
    this.requests += 1;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    if (status !== undefined) this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  count(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  reset(): void {
    this.requests = 0;
    this.rowsServed = 0;
    this.writes = 0;
    this.byRoute.clear();
    this.byStatus.clear();
    this.faults.clear();
    this.rejections.clear();
    this.peakConcurrency = 0;
    this.peakQueueDepth = 0;
    this.peakSessionWaiters = 0;
  }

  toJSON(): Record<string, unknown> {
    return {
      requests: this.requests,
      rowsServed: this.rowsServed,
      writes: this.writes,
      byRoute: Object.fromEntries([...this.byRoute].sort()),
      byStatus: Object.fromEntries(this.byStatus),
      status429: this.byStatus.get(429) ?? 0,
      status202: this.byStatus.get(202) ?? 0,
      rejections: Object.fromEntries([...this.rejections].sort()),
      faults: Object.fromEntries([...this.faults].sort()),
      peakConcurrency: this.peakConcurrency,
      peakQueueDepth: this.peakQueueDepth,
      peakSessionWaiters: this.peakSessionWaiters,
    };
  }
}
