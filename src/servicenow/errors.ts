import { SnacError, type Diagnostic } from '../diagnostics.js';

/** The call an error is about: never headers, bodies, credentials or the HTTP library's objects. */
export interface CallRef {
  readonly method: string;
  /** The table, or `oauth_token.do` for the token endpoint. */
  readonly table: string;
  readonly sysId?: string;
  /** URL path without the query string, e.g. `/api/now/table/sys_user/<sys_id>`. */
  readonly path: string;
}

export interface ServiceNowErrorInit {
  readonly code: string;
  readonly summary: string;
  readonly fix?: string;
  readonly call: CallRef;
  readonly status?: number;
  /** ServiceNow's own `error.message` and `error.detail`, when the instance sent them. */
  readonly serviceNowMessage?: string;
  readonly serviceNowDetail?: string;
  /** A 429's epoch milliseconds when the instance will take requests again (Retry-After, X-RateLimit-Reset). */
  readonly retryAt?: number;
}

/**
 * A failed call to ServiceNow, explained. It holds plain strings and numbers only: the axios
 * error (whose config carries the Authorization header) never gets past `src/servicenow/`.
 */
export class ServiceNowError extends SnacError {
  override readonly name: string = 'ServiceNowError';
  readonly method: string;
  readonly table: string;
  readonly sysId: string | undefined;
  readonly path: string;
  readonly status: number | undefined;
  readonly serviceNowMessage: string | undefined;
  readonly serviceNowDetail: string | undefined;
  readonly retryAt: number | undefined;

  constructor(init: ServiceNowErrorInit) {
    super(init.summary, init.code, init.fix);
    this.method = init.call.method;
    this.table = init.call.table;
    this.sysId = init.call.sysId;
    this.path = init.call.path;
    this.status = init.status;
    this.serviceNowMessage = init.serviceNowMessage;
    this.serviceNowDetail = init.serviceNowDetail;
    this.retryAt = init.retryAt;
  }

  toDiagnostic(): Diagnostic {
    return {
      severity: 'error',
      code: this.code,
      summary: this.message,
      ...(this.fix ? { fix: this.fix } : {}),
      ...(this.sysId ? { record: { kind: this.table, key: this.sysId } } : {}),
      request: { method: this.method, path: this.path, ...(this.status === undefined ? {} : { status: this.status }) },
    };
  }
}

/** `sys_user/<sys_id>` or `sys_user`: how messages name the record or table a call was about. */
export function target(call: CallRef): string {
  return call.sysId ? `${call.table}/${call.sysId}` : call.table;
}
