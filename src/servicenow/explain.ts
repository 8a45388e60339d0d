import { ServiceNowError, target, type CallRef } from './errors.js';
import { RECORD_KINDS, writeRolesOf } from '../kinds/registry.js';

/** Who made a call and how, for messages: names and variable names only, never values. */
export interface Caller {
  /** Instance host, e.g. `dev12345.service-now.com`. */
  readonly host: string;
  /** The account the instance sees, e.g. `svc_snac`, or a description for client credentials. */
  readonly identity: string;
  /** Where the credentials came from, e.g. `SNAC_USERNAME / SNAC_PASSWORD`. */
  readonly source: string;
  readonly scheme: 'basic' | 'oauth-password' | 'oauth-client-credentials';
}

export interface FailedCall {
  readonly call: CallRef;
  readonly write: boolean;
  readonly caller: Caller;
  readonly attempts: number;
  /**
   * Removes known secrets from text that came from outside (ServiceNow's message and detail,
   * a redirect location), which may echo what was sent. snac's own words need none.
   */
  readonly scrub: (text: string) => string;
}

export interface ErrorEnvelope {
  readonly message?: string;
  readonly detail?: string;
}

/** ServiceNow's `{"error":{"message","detail"},"status":"failure"}`, secrets removed. */
function envelopeOf(f: FailedCall, body: string): ErrorEnvelope {
  const e = parseErrorEnvelope(body);
  return { ...(e.message ? { message: f.scrub(e.message) } : {}), ...(e.detail ? { detail: f.scrub(e.detail) } : {}) };
}

/** ServiceNow's `{"error":{"message","detail"},"status":"failure"}`, if the body is one. */
export function parseErrorEnvelope(body: string): ErrorEnvelope {
  try {
    const parsed: unknown = JSON.parse(body);
    const error = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['error'] : undefined;
    if (typeof error !== 'object' || error === null) return {};
    const { message, detail } = error as Record<string, unknown>;
    return {
      ...(typeof message === 'string' && message ? { message } : {}),
      ...(typeof detail === 'string' && detail ? { detail } : {}),
    };
  } catch {
    return {};
  }
}

function prefix(f: FailedCall): string {
  return `${f.call.method} ${target(f.call)} on ${f.caller.host}`;
}

function answered(status: number, envelope: ErrorEnvelope): string {
  const message = envelope.message ?? '(no ServiceNow error message)';
  return `${status} ${message}${envelope.detail ? `: ${envelope.detail}` : ''}`;
}

function afterAttempts(f: FailedCall): string {
  return f.attempts > 1 ? ` after ${f.attempts} attempts` : '';
}

function verbOf(method: string): string {
  if (method === 'POST') return 'insert into';
  if (method === 'DELETE') return 'delete from';
  if (method === 'GET') return 'read';
  return 'update';
}

function aclFix(f: FailedCall): string {
  const { table } = f.call;
  const who = f.caller.identity;
  if (table === RECORD_KINDS.SecuritySettings.table) {
    return `${who} may not change this property: High Security Settings are writable only by security_admin in an elevated session, which REST calls cannot obtain. Change it in the UI as an elevated security_admin, or leave it out of what snac manages`;
  }
  const grant = writeRolesOf(table).includes('user_admin')
    ? `grant it user_admin (the base role for managing users, groups and their roles) or an ACL that allows it`
    : `grant it a role or an ACL that allows it`;
  return `${who} lacks the roles or ACLs to ${verbOf(f.call.method)} ${table}: ${grant}; roles take effect at the account's next session`;
}

function forbidden(f: FailedCall, e: ErrorEnvelope): { code: string; fix: string } {
  const text = `${e.message ?? ''} ${e.detail ?? ''}`;
  const rule = /Business Rule '([^'^]+)/.exec(text)?.[1];
  if (rule) {
    return {
      code: 'servicenow-business-rule',
      fix: `the instance's business rule "${rule}" refused the change; this is a rule, not a missing permission (for example, inherited sys_user_has_role rows belong to the platform and go away only with the group membership or role that grants them)`,
    };
  }
  if (/Insufficient rights to query records/i.test(text)) {
    return {
      code: 'servicenow-query-forbidden',
      fix: `the query names a field of ${f.call.table} that ${f.caller.identity} may not read, or one that does not exist (non-admins get a 403 for both): check the field names, or grant read access to those fields`,
    };
  }
  if (/Failed API level ACL Validation/i.test(text)) {
    return {
      code: 'servicenow-rest-acl',
      fix: `the instance's REST API ACL for the Table API is active: give ${f.caller.identity} the snc_platform_rest_api_access role`,
    };
  }
  if (/User Is Not Authorized To Perform This Action/i.test(text)) {
    return {
      code: 'servicenow-not-assignable',
      fix: `the role granted (or one it contains, or one of the group's roles) has "Assignable by" set to a role ${f.caller.identity} does not hold: give ${f.caller.identity} that role, or have a holder make the grant (snac plan and snac audit name such roles)`,
    };
  }
  if (/Error during insert/i.test(text)) {
    return {
      code: 'servicenow-duplicate',
      fix: `a ${f.call.table} record with the same unique key already exists: plan again so snac reads it and updates it instead`,
    };
  }
  if (/ACL Exception/i.test(text) || f.write) return { code: 'servicenow-acl-denied', fix: aclFix(f) };
  return {
    code: 'servicenow-forbidden',
    fix: `${f.caller.identity} may not read ${f.call.table}: grant it a role or ACL with read access to the table`,
  };
}

function unauthenticated(f: FailedCall, headers: Readonly<Record<string, string>>): string {
  const { identity, source, scheme } = f.caller;
  if (headers['x-mfa_token'] === 'invalid') {
    return `the instance requires multi-factor authentication for ${identity}: use a non-interactive (web_service_access_only) account or OAuth`;
  }
  const account = `the account may be inactive or locked out (ServiceNow locks it after repeated wrong passwords, and a locked reconciler fails every request): an administrator must set active=true and locked_out=false on sys_user ${identity}`;
  const once = `snac stopped at this first refusal, so this run cost ${identity} one failed login; to check the account without signing in as it (each wrong try counts towards the lock-out), an administrator can open sys_user ${identity} and look at active, locked_out and failed_attempts`;
  if (scheme === 'basic') {
    return `the instance refused the credentials of ${identity}: check ${source}. If they are right, ${account}. New instances may also allow Basic auth only for non-interactive (web_service_access_only) users. ${once}`;
  }
  return `the instance refused a fresh OAuth access token: ${account}, or the OAuth application's user lost access. ${once}`;
}

function explainStatus(f: FailedCall, status: number, e: ErrorEnvelope, headers: Readonly<Record<string, string>>): { code: string; fix: string } {
  if (status === 401) return { code: 'servicenow-unauthenticated', fix: unauthenticated(f, headers) };
  if (status === 202) {
    return {
      code: 'servicenow-dropped',
      fix: 'the instance answers 202 when too many requests wait on one session and drops them: lower snac\'s concurrency, and check that nothing else shares the reconciler\'s session',
    };
  }
  if (status === 403) return forbidden(f, e);
  if (status === 404) {
    if (!f.call.sysId) return { code: 'servicenow-no-resource', fix: `the URL does not lead to the Table API: check that the instance URL is https://<name>.service-now.com` };
    return {
      code: 'servicenow-not-found',
      fix: `the record does not exist or a read ACL hides it from ${f.caller.identity}. To tell which, look for ${target(f.call)} as an administrator: if it is there, ${f.caller.identity} needs read access to ${f.call.table}; if not, it was deleted (or a clone replaced the instance's data and its sys_ids) and a fresh plan will see that`,
    };
  }
  if (status === 429) {
    const rule = headers['x-ratelimit-rule'];
    const limit = headers['x-ratelimit-limit'];
    const reset = Number(headers['x-ratelimit-reset']);
    const which = rule ? `the rate-limit rule ${rule}${limit ? ` (${limit} requests per hour)` : ''}` : 'a rate-limit rule or a full API_INT queue';
    const when = Number.isFinite(reset) && reset > 0 ? ` It resets at ${new Date(reset * 1000).toISOString()}.` : '';
    return {
      code: 'servicenow-rate-limited',
      fix: `${which} is refusing ${f.caller.identity}'s requests.${when} Wait and run again, ask an administrator to raise the rule for the reconciler, or lower snac's concurrency`,
    };
  }
  if (status === 400 && /^Invalid table/i.test(e.message ?? '')) {
    return {
      code: 'servicenow-invalid-table',
      fix: `the table ${f.call.table} does not exist on this instance (or its plugin is not active), or it does not allow access through web services`,
    };
  }
  if (status === 400 && /reading request/i.test(e.message ?? '')) {
    return { code: 'servicenow-payload-too-large', fix: 'the request body is larger than the instance accepts (10 MB by default): write fewer fields per request' };
  }
  if (status >= 500) {
    return {
      code: 'servicenow-server-error',
      fix: 'the instance failed: it may be down or upgrading, a developer instance may be hibernating (wake it at developer.servicenow.com), or the transaction ran past the 60 s quota (lower the page size). Try again later',
    };
  }
  return { code: 'servicenow-request-failed', fix: `the instance rejected the request as made: ServiceNow's message above says why` };
}

export interface Answer {
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** A final non-2xx answer from the Table API, explained; `note` comes first in the fix. */
export function responseError(f: FailedCall, answer: Answer, note?: string, retryAt?: number): ServiceNowError {
  const { status, headers } = answer;
  const e = envelopeOf(f, answer.body);
  const { code, fix } = explainStatus(f, status, e, headers);
  return new ServiceNowError({
    code,
    summary: `${prefix(f)} failed${afterAttempts(f)} with ${answered(status, e)}`,
    fix: note ? `${note}. ${fix}` : fix,
    call: f.call,
    status,
    ...(e.message ? { serviceNowMessage: e.message } : {}),
    ...(e.detail ? { serviceNowDetail: e.detail } : {}),
    ...(retryAt === undefined ? {} : { retryAt }),
  });
}

/** What an HTTP library error code means, in words. */
function networkReason(code: string, timeoutMs: number): string {
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return `timed out after ${timeoutMs / 1000} s`;
  if (code === 'ECONNREFUSED') return 'could not connect (connection refused)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'could not resolve the host name';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'lost the connection (reset by the instance or a proxy)';
  if (isProtocolMismatch(code)) return `could not start TLS (${code}): what answers there does not speak https`;
  if (/CERT|SSL|TLS/.test(code)) return `could not verify the instance's TLS certificate (${code})`;
  return `failed in transit (${code})`;
}

/** OpenSSL's "wrong version number" and kin: https spoken to a server that answers plain http. */
function isProtocolMismatch(code: string): boolean {
  return code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG';
}

function networkFix(code: string): string {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'check the instance URL (https://<name>.service-now.com) and the network or proxy settings';
  if (isProtocolMismatch(code)) return 'check the URL\'s scheme and port: an instance answers https://<name>.service-now.com, a local emulator http://127.0.0.1:<port>';
  if (code === 'ECONNREFUSED') return 'nothing listens at that address: check the URL\'s host and port, and that the instance (or the local emulator) is running';
  if (/CERT|SSL|TLS/.test(code)) return 'if a proxy inspects TLS, give Node its CA with NODE_EXTRA_CA_CERTS';
  return 'check that the instance is up (a developer instance hibernates when idle) and reachable from here, then try again';
}

export function networkError(f: FailedCall, code: string, timeoutMs: number): ServiceNowError {
  return new ServiceNowError({
    code: code === 'ETIMEDOUT' || code === 'ECONNABORTED' ? 'servicenow-timeout' : 'servicenow-network',
    summary: `${prefix(f)} ${networkReason(code, timeoutMs)}${afterAttempts(f)}`,
    fix: networkFix(code),
    call: f.call,
  });
}

/** Why a write's outcome is unknown: the cause in words, and the status if there was one. */
export type Ambiguity = { readonly status: number; readonly body: string } | { readonly networkCode: string; readonly timeoutMs: number };

export function unknownOutcome(f: FailedCall, why: Ambiguity): ServiceNowError {
  let reason: string;
  let status: number | undefined;
  if ('status' in why) {
    status = why.status;
    if (why.status === 202) reason = 'the instance answered 202 Accepted, which it sends when a session queue overflows and the request is dropped or left pending';
    else if (why.status < 300) reason = `the instance answered ${why.status} with ${describeBody(why.body)}`;
    else reason = `the instance answered ${answered(why.status, envelopeOf(f, why.body))}`;
  } else {
    reason = `the request ${networkReason(why.networkCode, why.timeoutMs)}`;
  }
  return new ServiceNowError({
    code: 'servicenow-outcome-unknown',
    summary: `${prefix(f)} may or may not have been applied: ${reason}`,
    fix: 'read the record back before trying again; snac never repeats a write whose outcome it does not know',
    call: f.call,
    ...(status === undefined ? {} : { status }),
  });
}

function describeBody(body: string): string {
  const text = body.trim();
  if (text === '') return 'an empty body where JSON was expected';
  if (/^<(!doctype|html|\?xml|head|body)/i.test(text)) return 'an HTML page instead of JSON';
  try {
    JSON.parse(text);
    return 'JSON that is not a Table API result';
  } catch {
    return `JSON that does not parse (${Buffer.byteLength(body)} bytes: truncated or malformed)`;
  }
}

/** A response snac cannot use: HTML, empty, truncated, the wrong shape, or a redirect. */
export function badResponse(f: FailedCall, answer: { status: number; body: string; what?: string; fix?: string }): ServiceNowError {
  const { status, body } = answer;
  const html = /^\s*<(!doctype|html|\?xml|head|body)/i.test(body);
  return new ServiceNowError({
    code: 'servicenow-bad-response',
    summary: `${prefix(f)} answered ${status} with ${answer.what ?? describeBody(body)}`,
    fix: answer.fix ?? (html
      ? 'the URL may not be the instance\'s API (use https://<name>.service-now.com), a developer instance may be hibernating (it then serves a wake-up page), or a proxy or SSO page answered instead'
      : 'a proxy or the instance answered something other than the Table API: try again, and lower the page size if a response is cut short again'),
    call: f.call,
    status,
  });
}

export function redirected(f: FailedCall, status: number, location: string | undefined): ServiceNowError {
  // Only where it leads: a redirect's path and query can carry what was sent (a token, a
  // SAML request), so neither is shown.
  let where = 'elsewhere';
  if (location) {
    try {
      where = `${f.scrub(new URL(location, `https://${f.caller.host}`).origin)} (path and query not shown)`;
    } catch {
      where = 'an unreadable location';
    }
  }
  return new ServiceNowError({
    code: 'servicenow-redirected',
    summary: `${prefix(f)} was redirected (${status}) to ${where}`,
    fix: 'use the instance\'s own https URL (https://<name>.service-now.com); a redirect to a login page means SSO or a proxy intercepts API calls',
    call: f.call,
    status,
  });
}

/** The token endpoint refused a grant (always 401 `access_denied` on ServiceNow). */
export function tokenDenied(f: FailedCall, status: number, grant: string): ServiceNowError {
  const checks =
    grant === 'client_credentials'
      ? `the client credentials grant also needs the system property glide.oauth.inbound.client.credential.grant_type.enabled=true (Washington DC or later) and an OAuth Application User on the client's oauth_entity record`
      : `the user must exist, be active and not locked out, with the right password, and the password grant must not be disabled by glide.oauth.inbound.ropc.grant_type.disabled`;
  return new ServiceNowError({
    code: 'servicenow-oauth-denied',
    summary: `${prefix(f)} refused the OAuth ${grant} grant with ${status}${afterAttempts(f)}`,
    fix: `check ${f.caller.source}: the client id and secret must match an active OAuth application (oauth_entity); ${checks}`,
    call: f.call,
    status,
  });
}
