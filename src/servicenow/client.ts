import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance } from 'axios';
import { createAuthenticator, parseToken, type Authenticator, type Token } from './auth.js';
import { SessionPool } from './concurrency.js';
import type { Credentials } from './credentials.js';
import { redact } from '../redact.js';
import type { CallRef, ServiceNowError } from './errors.js';
import { badResponse, networkError, redirected, responseError, tokenDenied, unknownOutcome, type Ambiguity, type FailedCall } from './explain.js';
import { RequestLog } from './request-log.js';
import { backoffMs, NOT_SENT_CODES, PERMANENT_NETWORK_CODES, RETRIED_STATUSES, serverDelayMs, type RetryPolicy } from './retry.js';
import type { Session } from './session.js';

export interface ClientOptions {
  /** The instance's origin, e.g. `https://dev12345.service-now.com`. */
  readonly origin: string;
  readonly credentials: Credentials;
  readonly concurrency: number;
  readonly timeouts: { readonly readMs: number; readonly writeMs: number };
  readonly retry: RetryPolicy;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Epoch milliseconds (token expiry, X-RateLimit-Reset, durations). */
  readonly now: () => number;
}

export interface ApiCall extends CallRef {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly params?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  /** A write's outcome can be unknown; it is never repeated once it may have reached the instance. */
  readonly write: boolean;
}

/** The final answer to a call, after any retries. */
export interface ApiResponse {
  readonly status: number;
  /** Lower-case names; Set-Cookie is never here. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly attempts: number;
  /** Set when snac stopped retrying because the instance asked for a longer wait than it allows. */
  readonly refusedWaitMs?: number;
}

export type CallResult = { readonly kind: 'response'; readonly response: ApiResponse } | { readonly kind: 'unknown'; readonly error: ServiceNowError };

interface RawRequest {
  readonly method: string;
  readonly url: string;
  readonly data?: string;
  readonly contentType?: string;
  readonly timeoutMs: number;
}

/** Asking for a token changes nothing on the instance, so it is retried like a read. */
const TOKEN_CALL: ApiCall = { method: 'POST', table: 'oauth_token.do', path: '/oauth_token.do', write: false };

type RawResult =
  | { readonly status: number; readonly headers: Record<string, string>; readonly setCookie: readonly string[]; readonly body: string }
  | { readonly networkCode: string };



function headerRecord(headers: unknown): { headers: Record<string, string>; setCookie: string[] } {
  const out: Record<string, string> = {};
  let setCookie: string[] = [];
  if (typeof headers === 'object' && headers !== null) {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      const key = name.toLowerCase();
      if (key === 'set-cookie') setCookie = Array.isArray(value) ? value.map(String) : [String(value)];
      else if (value !== undefined && value !== null) out[key] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
    }
  }
  return { headers: out, setCookie };
}

/** The code of a transport failure; the error object itself (request config, headers) is dropped here. */
function networkCodeOf(error: unknown): string {
  if (axios.isAxiosError(error)) return error.code ?? 'ERR_NETWORK';
  if (typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string') return (error as { code: string }).code;
  return 'ERR_NETWORK';
}

/**
 * The one place that talks HTTP to ServiceNow: sessions, signing, timeouts, retries, the
 * request log, and the conversion of every axios outcome into plain data or a
 * ServiceNowError. Nothing axios returns or throws leaves this file.
 */
export class ServiceNowClient {
  readonly host: string;
  readonly log = new RequestLog();
  private readonly http: AxiosInstance;
  private readonly pool: SessionPool;
  private readonly auth: Authenticator;
  /** Session cookie values seen: as good as credentials while the session lives. */
  private readonly cookieValues = new Set<string>();
  private readonly scrub = (text: string): string => redact(text, [...this.auth.secrets(), ...this.cookieValues]);

  constructor(private readonly options: ClientOptions) {
    this.host = new URL(options.origin).host;
    const agent = { keepAlive: true, maxSockets: options.concurrency };
    this.http = axios.create({
      baseURL: options.origin,
      httpAgent: new HttpAgent(agent),
      httpsAgent: new HttpsAgent(agent),
      maxRedirects: 0,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      validateStatus: () => true,
      transitional: { clarifyTimeoutError: true },
    });
    this.pool = new SessionPool(options.concurrency);
    this.auth = createAuthenticator(options.credentials, (form, grant) => this.token(form, grant), options.now);
  }

  /**
   * Authentication first, once: the first call goes alone, and the others wait for its answer.
   * Once the instance refuses the credentials (a final 401, or a refused token grant), nothing
   * more is sent: every call, waiting or later, fails with that refusal. One run never costs
   * more than one failed login, so a wrong password cannot lock the account out.
   */
  private signedIn: Promise<void> | undefined;
  private refusal: ServiceNowError | undefined;

  /** A Table API call on a session of its own, signed, retried as its kind allows. */
  async call(call: ApiCall): Promise<CallResult> {
    if (this.signedIn === undefined) {
      const first = this.send(call);
      this.signedIn = first.then(
        () => undefined,
        () => undefined,
      );
      return first;
    }
    await this.signedIn;
    if (this.refusal) throw this.refusal;
    return this.send(call);
  }

  private send(call: ApiCall): Promise<CallResult> {
    const query = call.params ? `?${new URLSearchParams(call.params).toString()}` : '';
    const raw: RawRequest = {
      method: call.method,
      url: `${call.path}${query}`,
      timeoutMs: call.write ? this.options.timeouts.writeMs : this.options.timeouts.readMs,
      ...(call.json === undefined ? {} : { data: JSON.stringify(call.json), contentType: 'application/json' }),
      ...(call.method === 'DELETE' ? { contentType: 'application/json' } : {}),
    };
    return this.pool.use((session) => this.run(call, raw, session));
  }

  /** The failure for a final non-2xx answer, explained; 3xx is a redirect snac does not follow. */
  failure(call: ApiCall, response: ApiResponse): ServiceNowError {
    const f = this.failed(call, call.write, response.attempts);
    if (response.status >= 300 && response.status < 400) return redirected(f, response.status, response.headers['location']);
    const refused = response.refusedWaitMs;
    const note =
      refused === undefined
        ? undefined
        : `the instance asked snac to wait ${Math.ceil(refused / 1000)} s, longer than the ${this.options.retry.maxWaitMs / 1000} s it waits`;
    const now = this.options.now();
    const wait = response.status === 429 ? serverDelayMs(response.headers, now) : undefined;
    return responseError(f, { status: response.status, body: response.body, headers: response.headers }, note, wait === undefined ? undefined : now + wait);
  }

  /** A 2xx answer snac cannot use (HTML, empty, truncated, wrong shape), or inconsistent paging. */
  unusable(call: ApiCall, status: number, body: string, what?: string, fix?: string): ServiceNowError {
    return badResponse(this.failed(call, call.write, 1), { status, body, ...(what ? { what } : {}), ...(fix ? { fix } : {}) });
  }

  /** A write answered 2xx with a body that is not a Table API result: it may not have been applied. */
  unsure(call: ApiCall, response: ApiResponse): ServiceNowError {
    return unknownOutcome(this.failed(call, true, response.attempts), { status: response.status, body: response.body });
  }

  private failed(call: CallRef, write: boolean, attempts: number): FailedCall {
    return { call, write, caller: { host: this.host, ...this.auth.caller }, attempts, scrub: this.scrub };
  }

  private async token(form: Readonly<Record<string, string>>, grant: string): Promise<Token> {
    const raw: RawRequest = {
      method: 'POST',
      url: TOKEN_CALL.path,
      data: new URLSearchParams(form).toString(),
      contentType: 'application/x-www-form-urlencoded',
      timeoutMs: this.options.timeouts.readMs,
    };
    const issuedAt = this.options.now();
    const result = await this.run(TOKEN_CALL, raw, undefined);
    if (result.kind === 'unknown') throw result.error;
    const { response } = result;
    if (response.status === 401 || response.status === 400) {
      const denied = tokenDenied(this.failed(TOKEN_CALL, false, response.attempts), response.status, grant);
      // A refused refresh token is replaced by a new grant; a refused grant is a failed login.
      if (grant !== 'refresh_token') this.refusal ??= denied;
      throw denied;
    }
    if (response.status !== 200) throw this.failure(TOKEN_CALL, response);
    const token = parseToken(response.body, issuedAt);
    if (!token) throw badResponse(this.failed(TOKEN_CALL, false, response.attempts), { status: response.status, body: response.body });
    return token;
  }

  private async attempt(raw: RawRequest, authorization: string | undefined, session: Session | undefined): Promise<RawResult> {
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'snac' };
    if (raw.contentType) headers['Content-Type'] = raw.contentType;
    if (authorization) headers['Authorization'] = authorization;
    const cookie = session?.cookieHeader();
    if (cookie) headers['Cookie'] = cookie;
    try {
      const response = await this.http.request<unknown>({
        method: raw.method,
        url: raw.url,
        headers,
        timeout: raw.timeoutMs,
        ...(raw.data === undefined ? {} : { data: raw.data }),
      });
      const body = typeof response.data === 'string' ? response.data : '';
      return { status: response.status, body, ...headerRecord(response.headers) };
    } catch (error) {
      return { networkCode: networkCodeOf(error) };
    }
  }

  /**
   * Send until there is an answer to keep. Reads are retried on 429, 502/503/504, 202 and
   * transport failures; writes only on 429 and refused connections, where the instance did
   * nothing. A write that may have reached the instance (timeout, reset, 5xx, 202) is never
   * repeated: its result is "unknown" and the caller reads back first. A 401 to an OAuth
   * token is retried once with a new token.
   */
  private async run(call: ApiCall, raw: RawRequest, session: Session | undefined): Promise<CallResult> {
    const { retry, now, sleep, random } = this.options;
    const signed = session !== undefined;
    let resigned = false;
    for (let attempt = 1; ; attempt++) {
      const authorization = signed ? await this.auth.authorization() : undefined;
      const started = now();
      const result = await this.attempt(raw, authorization, session);
      const bytes = 'body' in result ? Buffer.byteLength(result.body) : 0;
      this.log.record({ table: call.table, method: call.method, bytes, ms: Math.max(0, now() - started), retry: attempt > 1 });

      let delay: number | undefined;
      if ('networkCode' in result) {
        const code = result.networkCode;
        if (PERMANENT_NETWORK_CODES.has(code)) throw networkError(this.failed(call, call.write, attempt), code, raw.timeoutMs);
        if (call.write && !NOT_SENT_CODES.has(code)) {
          return { kind: 'unknown', error: unknownOutcome(this.failed(call, call.write, attempt), { networkCode: code, timeoutMs: raw.timeoutMs }) };
        }
        if (attempt >= retry.attempts) throw networkError(this.failed(call, call.write, attempt), code, raw.timeoutMs);
        delay = backoffMs(attempt, retry, random);
      } else {
        for (const value of session?.remember(result.setCookie) ?? []) if (value.length >= 8) this.cookieValues.add(value);
        const { status } = result;
        const response: ApiResponse = { status, headers: result.headers, body: result.body, attempts: attempt };
        if (status === 401) {
          session?.forget();
          if (authorization && !resigned && this.auth.rejected(authorization)) {
            resigned = true;
            continue;
          }
          if (signed) this.refusal ??= this.failure(call, response);
        }
        if (call.write && (status === 202 || status >= 500)) {
          const why: Ambiguity = { status, body: result.body };
          return { kind: 'unknown', error: unknownOutcome(this.failed(call, call.write, attempt), why) };
        }
        const retryable = status === 429 || (!call.write && (RETRIED_STATUSES.has(status) || status === 202));
        if (!retryable || attempt >= retry.attempts) return { kind: 'response', response };
        const asked = serverDelayMs(result.headers, now());
        if (asked !== undefined && asked > retry.maxWaitMs) return { kind: 'response', response: { ...response, refusedWaitMs: asked } };
        delay = asked ?? backoffMs(attempt, retry, random);
      }
      this.log.waited(call.table, call.method, delay);
      await sleep(delay);
    }
  }
}
