/** When to try a request again and how long to wait first. */
export interface RetryPolicy {
  /** Attempts per request, the first included. */
  readonly attempts: number;
  /** Full-jitter backoff: the n-th retry waits random() x min(maxDelayMs, baseDelayMs x 2^(n-1)). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A server-requested wait (Retry-After, X-RateLimit-Reset) longer than this fails instead. */
  readonly maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 1_000, maxDelayMs: 60_000, maxWaitMs: 120_000 };

/** 429 is retried for reads and writes alike: the instance refused it before doing anything. */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Full jitter (Brooker, "Exponential Backoff and Jitter"): uniform in [0, min(cap, base x 2^n)),
 * so clients that failed together do not retry together.
 */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * The wait the instance asked for: `Retry-After` in seconds or as an HTTP date (RFC 9110
 * §10.2.3), else `X-RateLimit-Reset` in epoch seconds (ServiceNow's rate-limit rules).
 * Undefined when neither header is present or readable.
 */
export function serverDelayMs(headers: Readonly<Record<string, string>>, now: number): number | undefined {
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  const reset = headers['x-ratelimit-reset']?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) return Math.max(0, Math.ceil(Number(reset) * 1000 - now));
  return undefined;
}

/** Connection failures where the request was never sent: safe to repeat even for a write. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED']);

/** Failures no retry can fix: the host does not resolve, or TLS cannot be set up. */
export const PERMANENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'ERR_INVALID_URL',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  // https spoken to a plain http server (the URL's scheme or port is wrong).
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
