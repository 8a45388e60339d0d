import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../emulator.js';
import { errors, InstanceError } from '../errors.js';
import { serveWithLimits, type Served } from '../limits/pipeline.js';
import type { RestResource } from '../limits/rate-limits.js';
import { authenticate, type Authenticated } from './authenticate.js';
import { handleBatch } from './batch.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
import { handleUiLogin } from './login.js';
import { handleOAuthToken } from './oauth.js';
import { fromError, json, write, type Reply } from './respond.js';
import { handleTable } from './table-api.js';

const TABLE_ROUTE = /^\/api\/now\/(?:(v1|v2)\/)?table\/([^/]+)(?:\/([^/]+))?\/?$/;
const BATCH_ROUTE = /^\/api\/now\/(?:v1\/)?batch\/?$/;

export interface RunningEmulator {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

function acceptsJson(request: IncomingMessage): boolean {
  const accept = request.headers.accept;
  if (!accept) return true;
  return accept.split(',').some((part) => /^(application\/json|application\/\*|\*\/\*)(;|$)/i.test(part.trim()));
}

function methodOf(request: IncomingMessage): string {
  const override = request.headers['x-http-method-override'];
  return (typeof override === 'string' && override ? override : (request.method ?? 'GET')).toUpperCase();
}

/** The route name statistics count a request under, before it is routed (limits refuse some unrouted). */
function routeNameOf(request: IncomingMessage, path: string): string {
  if (BATCH_ROUTE.test(path)) return `${methodOf(request)} batch`;
  const table = TABLE_ROUTE.exec(path);
  return table ? `${methodOf(request)} table/${table[2] ?? ''}${table[3] ? '/{sys_id}' : ''}` : 'error';
}

/** Authenticate, apply rate-limit rules, run `work`, and add the rate-limit and session headers. */
async function asCaller(
  emulator: Emulator,
  request: IncomingMessage,
  resource: RestResource,
  work: (auth: Authenticated) => Promise<Reply>,
): Promise<Reply> {
  const auth = authenticate(emulator, request);
  const rateHeaders = emulator.limits.admit(emulator.instance, auth.actor, resource);
  const reply = await work(auth);
  const cookie = auth.newSession ? { 'Set-Cookie': `JSESSIONID=${auth.sessionId}; Path=/; HttpOnly` } : {};
  return { ...reply, headers: { ...reply.headers, ...rateHeaders, ...cookie } };
}

/** Check a Table API request's path and media types (before authentication, as the instance does). */
function tableCall(request: IncomingMessage, url: URL): { table: RegExpExecArray; method: string } {
  const table = TABLE_ROUTE.exec(url.pathname);
  if (!table) throw errors.noResource();
  if (!acceptsJson(request)) throw errors.notAcceptable();
  const method = methodOf(request);
  const contentType = request.headers['content-type'];
  if (contentType && ['POST', 'PUT', 'PATCH'].includes(method) && !/^application\/json/i.test(contentType)) {
    throw errors.unsupportedMediaType();
  }
  return { table, method };
}

function runTable(emulator: Emulator, request: IncomingMessage, url: URL, call: ReturnType<typeof tableCall>, auth: Authenticated): Promise<Reply> {
  const { table, method } = call;
  return handleTable(emulator, {
    method,
    version: table[1] === 'v1' || table[1] === 'v2' ? table[1] : undefined,
    table: decodeURIComponent(table[2] ?? ''),
    sysId: table[3] ? decodeURIComponent(table[3]) : undefined,
    url,
    actor: auth.actor,
    request,
  });
}

async function route(emulator: Emulator, request: IncomingMessage, url: URL): Promise<Served> {
  const path = url.pathname;
  if (path.startsWith(CONTROL_PREFIX)) return { reply: await handleControl(emulator, request, path), route: 'control' };
  if (path === '/oauth_token.do') return { reply: await handleOAuthToken(emulator, request), route: 'oauth' };
  if (path === '/login.do') return { reply: await handleUiLogin(emulator, request), route: 'login' };
  if (!path.startsWith('/api/')) return { reply: json(404, { error: 'Not Found' }), route: 'other' };
  if (BATCH_ROUTE.test(path)) {
    if (methodOf(request) !== 'POST') throw errors.methodNotAllowed();
    const resource: RestResource = { api: 'batch', method: 'POST', table: '' };
    const reply = await asCaller(emulator, request, resource, (auth) =>
      handleBatch(emulator, request, url.origin, (item, itemUrl) => runTable(emulator, item, itemUrl, tableCall(item, itemUrl), auth)),
    );
    return { reply, route: 'POST batch', timed: true };
  }
  const call = tableCall(request, url);
  const resource: RestResource = { api: 'table', method: call.method, table: decodeURIComponent(call.table[2] ?? '') };
  const reply = await asCaller(emulator, request, resource, (auth) => runTable(emulator, request, url, call, auth));
  return { reply, route: routeNameOf(request, path) };
}

/** Route a request, turning the instance's errors into its error replies. */
async function serve(emulator: Emulator, request: IncomingMessage, url: URL): Promise<Served> {
  try {
    return await route(emulator, request, url);
  } catch (error) {
    if (!(error instanceof InstanceError)) throw error;
    return { reply: fromError(error), route: error.status === 401 ? 'unauthenticated' : 'error' };
  }
}

async function handle(emulator: Emulator, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
  const send = ({ reply, route: routeName }: Served) => {
    if (routeName !== 'control') emulator.stats.record(routeName, reply.status);
    write(response, reply, { head: methodOf(request) === 'HEAD' });
  };
  if (!emulator.limits.active || !url.pathname.startsWith('/api/')) return send(await serve(emulator, request, url));
  await serveWithLimits({
    emulator,
    request,
    response,
    method: methodOf(request),
    route: routeNameOf(request, url.pathname),
    serve: () => serve(emulator, request, url),
    send,
  });
}

/** Serve an emulator over HTTP on 127.0.0.1 (port 0 picks a free port). */
export async function startEmulatorServer(emulator: Emulator, port = 0): Promise<RunningEmulator> {
  const server = createServer((request, response) => {
    handle(emulator, request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      write(response, json(500, { error: { message: 'Internal server error', detail: message }, status: 'failure' }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
