import { InstanceError } from '../errors.js';
import type { Reply } from '../http/respond.js';
import type { LatencyProfile } from './profile.js';

/** Waits `ms` milliseconds. Injected so tests can hold or skip emulated time. */
export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const READS = new Set(['GET', 'HEAD']);

/** Rows a Table API reply carries: the length of a list, 1 for a single record. */
export function rowsIn(reply: Reply): number {
  const result = (reply.body as { result?: unknown } | undefined)?.result;
  if (Array.isArray(result)) return result.length;
  return result ? 1 : 0;
}

/**
 * Emulated server time of one Table API transaction, in ms: a fixed cost, plus a cost per row
 * a read returns, plus the cost of a write that succeeded. Zero without a latency profile.
 */
export function serverTimeOf(latency: LatencyProfile | undefined, method: string, reply: Reply): number {
  if (!latency) return 0;
  if (READS.has(method)) return latency.transactionMs + rowsIn(reply) * latency.rowReadMs;
  return latency.transactionMs + (reply.status < 300 ? latency.writeMs : 0);
}

/** The most a write can cost, known before it runs (the Batch API decides with it whether to start one). */
export function writeTimeBound(latency: LatencyProfile | undefined): number {
  return latency ? latency.transactionMs + latency.writeMs : 0;
}

export function isRead(method: string): boolean {
  return READS.has(method);
}

/**
 * What a transaction cancelled by a quota rule answers. The message is the platform's
 * (KB0866547: com.glide.sys.TransactionCancelledException); the HTTP status is not documented
 * (SERVICENOW.md §2.3 infers 500-class), the emulator answers 500.
 */
export function transactionCancelled(): InstanceError {
  return new InstanceError(500, 'Transaction cancelled: maximum execution time exceeded', 'Transaction cancelled: maximum execution time exceeded');
}
