import type { ServerResponse } from 'node:http';
import { InstanceError } from '../errors.js';

/** Headers a real instance sends on every API reply (SERVICENOW.md §1.3). */
const STANDARD_HEADERS = {
  'Content-Type': 'application/json;charset=UTF-8',
  Pragma: 'no-store,no-cache',
  'Cache-Control': 'no-cache,no-store,must-revalidate,max-age=-1',
  Expires: '0',
  'Server-Timing': 'sem_wait;dur=0, sesh_wait;dur=0',
};

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string | string[]>>;
}

export function json(status: number, body: unknown, headers: Record<string, string | string[]> = {}): Reply {
  return { status, body, headers };
}

export function fromError(error: InstanceError): Reply {
  return { status: error.status, body: error.envelope(), headers: { ...error.headers } };
}

export function write(response: ServerResponse, reply: Reply, options: { head?: boolean } = {}): void {
  const headers: Record<string, string | string[]> = { ...STANDARD_HEADERS, ...reply.headers };
  const payload = reply.body === undefined ? undefined : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  if (payload !== undefined) headers['Content-Length'] = String(Buffer.byteLength(payload));
  response.writeHead(reply.status, headers);
  response.end(options.head ? undefined : payload);
}
