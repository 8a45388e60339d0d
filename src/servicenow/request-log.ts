/** What a run cost one table and method, or the whole run. */
export interface RequestStats {
  /** HTTP requests sent, retries included. */
  readonly requests: number;
  /** Requests that repeated an earlier attempt (after a 429, 5xx, reset or timeout). */
  readonly retries: number;
  /** Response body bytes, as decoded text. */
  readonly bytesReceived: number;
  /** Time spent waiting for responses. */
  readonly timeMs: number;
  /** Time spent backing off before retries. */
  readonly waitMs: number;
}

export interface RequestLogEntry extends RequestStats {
  readonly table: string;
  readonly method: string;
}

export interface RequestRecord {
  readonly table: string;
  readonly method: string;
  readonly bytes: number;
  readonly ms: number;
  readonly retry: boolean;
}

const ZERO: RequestStats = { requests: 0, retries: 0, bytesReceived: 0, timeMs: 0, waitMs: 0 };

function add(a: RequestStats, b: RequestStats): RequestStats {
  return {
    requests: a.requests + b.requests,
    retries: a.retries + b.retries,
    bytesReceived: a.bytesReceived + b.bytesReceived,
    timeMs: a.timeMs + b.timeMs,
    waitMs: a.waitMs + b.waitMs,
  };
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

/**
 * Per-run counts of what snac asked of the instance, by table and method: for the plan
 * output ("read 7 tables in 65 requests") and for benchmarks. Holds numbers and names only.
 */
export class RequestLog {
  private readonly stats = new Map<string, RequestLogEntry>();

  record(request: RequestRecord): void {
    this.merge(request.table, request.method, {
      ...ZERO,
      requests: 1,
      retries: request.retry ? 1 : 0,
      bytesReceived: request.bytes,
      timeMs: request.ms,
    });
  }

  waited(table: string, method: string, ms: number): void {
    this.merge(table, method, { ...ZERO, waitMs: ms });
  }

  /** One entry per table and method, sorted by table then method. */
  entries(): readonly RequestLogEntry[] {
    return [...this.stats.values()].sort((a, b) => a.table.localeCompare(b.table) || a.method.localeCompare(b.method));
  }

  totals(): RequestStats {
    return this.entries().reduce<RequestStats>(add, ZERO);
  }

  /** `12 requests (1 retry), 48.2 KiB received, 0.84 s: sys_user GET 10, sys_user_grmember GET 2` */
  summary(): string {
    const t = this.totals();
    const retries = t.retries === 1 ? '1 retry' : `${t.retries} retries`;
    const waited = t.waitMs > 0 ? `, ${seconds(t.waitMs)} backing off` : '';
    const head = `${t.requests} ${t.requests === 1 ? 'request' : 'requests'} (${retries}), ${kib(t.bytesReceived)} received, ${seconds(t.timeMs)}${waited}`;
    const parts = this.entries().map((e) => `${e.table} ${e.method} ${e.requests}`);
    return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
  }

  private merge(table: string, method: string, delta: RequestStats): void {
    const key = `${table} ${method}`;
    this.stats.set(key, { table, method, ...add(this.stats.get(key) ?? ZERO, delta) });
  }
}
