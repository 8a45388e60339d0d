/** Request statistics the control endpoint reports, for tests and benchmarks to assert on. */
export class Stats {
  requests = 0;
  readonly byRoute = new Map<string, number>();
  readonly byStatus = new Map<number, number>();
  rowsServed = 0;
  writes = 0;

  record(route: string, status: number): void {
    this.requests += 1;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
  }

  reset(): void {
    this.requests = 0;
    this.rowsServed = 0;
    this.writes = 0;
    this.byRoute.clear();
    this.byStatus.clear();
  }

  toJSON(): Record<string, unknown> {
    return {
      requests: this.requests,
      rowsServed: this.rowsServed,
      writes: this.writes,
      byRoute: Object.fromEntries([...this.byRoute].sort()),
      byStatus: Object.fromEntries(this.byStatus),
    };
  }
}
