/** The instance's clock: real time plus an offset that tests move forward (token expiry, rate windows). */
export class Clock {
  private offsetMs = 0;
  constructor(private readonly source: () => number = Date.now) {}

  now(): number {
    return this.source() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** ServiceNow's stored date-time form: 'YYYY-MM-DD HH:MM:SS' in UTC. */
  glideDateTime(at = this.now()): string {
    return new Date(at).toISOString().slice(0, 19).replace('T', ' ');
  }
}
