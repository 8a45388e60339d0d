import type { ApplyReport } from '../apply/apply.js';
import { SECTION_DEFAULTS, type LatencyProfile } from '../emulator/limits/profile.js';

/** The bench's load model and client settings, and what one scenario (probe.ts) reports. */
export const PAGE_SIZE = 1000;
export const CONCURRENCY = 4;
export const BATCH = 10;
export const LATENCY: LatencyProfile = SECTION_DEFAULTS.latency;

export interface ReadResult {
  readonly accounts: number;
  readonly people: number;
  readonly seedMs: number;
  /** Rows the instance returned, counted page by page. */
  readonly rows: number;
  readonly rowsByQuery: Readonly<Record<string, number>>;
  readonly requests: number;
  readonly kib: number;
  /** Σ⌈rows/page⌉ over the queries: no paged read can do with fewer. */
  readonly minimumRequests: number;
  readonly readMs: number;
  readonly floorMs: number;
  /** One request per object (the per-record pattern), C at a time. */
  readonly perRecordMs: number;
  readonly readCpuMs: number;
  readonly planCpuMs: number;
  readonly planChanges: number;
  readonly peakRssMb: number;
  /**
   * Heap in use after a full collection, with the live state, the declarations and the plan
   * still held: what the data needs, where peak RSS also counts what the collector let pile up.
   */
  readonly heldHeapMb: number;
  /** CPU of the emulator's process while snac read: its one thread serves all four sessions. */
  readonly emulatorCpuMs: number;
}

export interface ApplyResult {
  readonly changes: number;
  readonly ms: number;
  readonly floorMs: number;
  readonly counts: ApplyReport['counts'];
  readonly status429: number;
  readonly status202: number;
  readonly batchSize: number;
  readonly batchMs: number;
  readonly batchFloorMs: number;
  readonly batchCounts: ApplyReport['counts'];
}

export interface ProbeResult {
  readonly read: ReadResult;
  readonly apply?: ApplyResult;
}

