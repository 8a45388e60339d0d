import type { LatencyProfile } from '../emulator/limits/profile.js';

/**
 * PERFORMANCE.md's physical limits. Reading rows R_t of each table at page size P costs
 * ceil(R_t / P) pages; C in flight at once; each page costs a round trip plus server time
 * (per transaction and per row). Writing K changes costs K writes spread over C slots.
 */
export function readFloorMs(rowsByTable: Readonly<Record<string, number>>, pageSize: number, concurrency: number, latency: LatencyProfile): number {
  let total = 0;
  for (const rows of Object.values(rowsByTable)) {
    const pages = Math.max(1, Math.ceil(rows / pageSize));
    total += pages * (latency.roundTripMs + latency.transactionMs) + rows * latency.rowReadMs;
  }
  return total / concurrency;
}

export function writeFloorMs(writes: number, concurrency: number, latency: LatencyProfile): number {
  return (writes * (latency.roundTripMs + latency.transactionMs + latency.writeMs)) / concurrency;
}

export function minimumPages(rowsByTable: Readonly<Record<string, number>>, pageSize: number): number {
  return Object.values(rowsByTable).reduce((n, rows) => n + Math.max(1, Math.ceil(rows / pageSize)), 0);
}

/** With the Batch API, b writes share one round trip; the server still runs them one by one. */
export function batchFloorMs(writes: number, perBatch: number, concurrency: number, latency: LatencyProfile): number {
  const batches = Math.ceil(writes / perBatch);
  return (writes * (latency.transactionMs + latency.writeMs) + batches * latency.roundTripMs) / concurrency;
}

/** The per-record pattern: one request per object (a single-row page each), C at a time. */
export function perRecordReadMs(objects: number, concurrency: number, latency: LatencyProfile): number {
  return (Math.ceil(objects / concurrency) * (latency.roundTripMs + latency.transactionMs + latency.rowReadMs));
}
