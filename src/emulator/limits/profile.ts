/**
 * The performance limits and faults of one emulated instance. Every section is optional and
 * absent means off: an emulator built without a profile answers at once and without limit, as it
 * always has. A section that is present is on, with its omitted fields at a real instance's
 * defaults (../shared/PERFORMANCE.md, SERVICENOW.md §2.3).
 */
export interface LimitsProfile {
  readonly latency?: LatencyProfile;
  readonly semaphore?: SemaphoreProfile;
  readonly sessions?: SessionProfile;
  readonly quotas?: QuotaProfile;
  readonly rateLimitRules?: readonly RateLimitRuleSpec[];
  readonly faults?: FaultProfile;
}

/**
 * Network and server time. A request costs `roundTripMs` on the wire (half before, half after the
 * server) plus server time: `transactionMs` per transaction, `rowReadMs` per row a read returns
 * and `writeMs` per successful write, so a big page costs more than a small one.
 */
export interface LatencyProfile {
  readonly roundTripMs: number;
  readonly transactionMs: number;
  readonly rowReadMs: number;
  readonly writeMs: number;
}

/** The API_INT semaphore: `threads` transactions run at once per node, `queue` more wait; past that, 429. */
export interface SemaphoreProfile {
  readonly nodes: number;
  readonly threads: number;
  readonly queue: number;
}

/** Session synchronisation: `concurrent` transactions per JSESSIONID; past `maxWaiters` waiting, 202. */
export interface SessionProfile {
  readonly concurrent: number;
  readonly maxWaiters: number;
}

/** Transaction quotas, in emulated server time (so they only bite with latency on). */
export interface QuotaProfile {
  readonly tableMs: number;
  readonly batchMs: number;
}

/** A sys_rate_limit_rules row to create after every seed; user and role are names, not sys_ids. */
export interface RateLimitRuleSpec {
  readonly name: string;
  /** Requests per hour. */
  readonly limit: number;
  readonly applyTo: 'user' | 'role' | 'all';
  readonly user?: string;
  readonly role?: string;
  /** Which REST API the rule limits (default the Table API). */
  readonly api?: 'table' | 'batch';
  /** One HTTP method, or every method when absent. */
  readonly method?: string;
  /** One table (Table API only), or every table when absent. */
  readonly table?: string;
}

/**
 * What can go wrong on the wire. `commit-then-*` kinds process the request (a write is committed)
 * and then fail the way the rest of the name says; the others fail without processing it.
 * `timeout` holds the response until the client gives up (or `timeoutMs` passes) and then drops
 * the connection; `reset` destroys the socket at once.
 */
export const FAULT_KINDS = [
  '429',
  '429-no-retry-after',
  '500',
  '502',
  '503',
  'reset',
  'timeout',
  'commit-then-timeout',
  'commit-then-reset',
  'commit-then-500',
  'commit-then-502',
  'commit-then-503',
] as const;

export type FaultKind = (typeof FAULT_KINDS)[number];

export interface ScheduledFault {
  readonly request: number;
  readonly fault: FaultKind;
  readonly match?: string;
}

/** Faults on Table and Batch API requests, reproducible from `seed`. */
export interface FaultProfile {
  readonly seed: number;
  /** Probability of each kind per request; they must add up to at most 1. */
  readonly rates: Readonly<Partial<Record<FaultKind, number>>>;
  /**
   * Explicit faults by request number (1 = the first API request since start or reset); they win
   * over rates. With `match` (a regular expression over "METHOD /path?query", the query decoded),
   * `request` counts only the requests it matches: "the third batch", "the first read of svc_a".
   */
  readonly schedule: readonly ScheduledFault[];
  /** Retry-After of the `429` kind, in seconds. */
  readonly retryAfterSeconds: number;
  /** How long `timeout` kinds hold a response that the client does not abandon first. */
  readonly timeoutMs: number;
}

/**
 * Defaults of each section when it is turned on. Semaphore, sessions and quotas are a real
 * instance's documented defaults; latency figures are the emulator's assumptions: a 50 ms round
 * trip (PERFORMANCE.md's worked example), 5 ms per transaction (the Batch API doc's simple GETs
 * took 5-8 ms), and guesses for rows and writes.
 */
export const SECTION_DEFAULTS = {
  latency: { roundTripMs: 50, transactionMs: 5, rowReadMs: 0.1, writeMs: 50 },
  semaphore: { nodes: 1, threads: 4, queue: 50 },
  sessions: { concurrent: 1, maxWaiters: 10 },
  quotas: { tableMs: 60_000, batchMs: 30_000 },
  faults: { seed: 1, rates: {}, schedule: [], retryAfterSeconds: 1, timeoutMs: 120_000 },
} as const satisfies Required<Omit<LimitsProfile, 'rateLimitRules'>>;

/** True when any section that changes how requests are served is on (rate-limit rules are data). */
export function servesWithLimits(profile: LimitsProfile): boolean {
  return Boolean(profile.latency ?? profile.semaphore ?? profile.sessions ?? profile.quotas ?? profile.faults);
}
