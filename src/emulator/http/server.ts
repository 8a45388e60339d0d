import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../emulator.js';
import { errors, InstanceError } from '../errors.js';
import { authenticate } from './authenticate.js';
import { CONTROL_PREFIX, handleControl } from './control.js';
import { handleUiLogin } from './login.js';
import { handleOAuthToken } from './oauth.js';
import { fromError, json, write, type Reply } from './respond.js';
import { handleTable } from './table-api.js';

const TABLE_ROUTE = /^\/api\/now\/(?:(v1|v2)\/)?table\/([^/]+)(?:\/([^/]+))?\/?$/;

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

async function route(emulator: Emulator, request: IncomingMessage, url: URL): Promise<{ reply: Reply; route: string }> {
  const path = url.pathname;
  if (path.startsWith(CONTROL_PREFIX)) return { reply: await handleControl(emulator, request, path), route: 'control' };
  if (path === '/oauth_token.do') return { reply: await handleOAuthToken(emulator, request), route: 'oauth' };
  if (path === '/login.do') return { reply: await handleUiLogin(emulator, request), route: 'login' };
  const table = TABLE_ROUTE.exec(path);
  if (!path.startsWith('/api/')) return { reply: json(404, { error: 'Not Found' }), route: 'other' };
  if (!table) throw errors.noResource();
  const routeName = `${methodOf(request)} table/${table[2] ?? ''}${table[3] ? '/{sys_id}' : ''}`;
  if (!acceptsJson(request)) throw errors.notAcceptable();
  const contentType = request.headers['content-type'];
  if (contentType && ['POST', 'PUT', 'PATCH'].includes(methodOf(request)) && !/^application\/json/i.test(contentType)) {
    throw errors.unsupportedMediaType();
  }
  const auth = authenticate(emulator, request);
  const reply = await handleTable(emulator, {
    method: methodOf(request),
    version: table[1] === 'v1' || table[1] === 'v2' ? table[1] : undefined,
    table: decodeURIComponent(table[2] ?? ''),
    sysId: table[3] ? decodeURIComponent(table[3]) : undefined,
    url,
    actor: auth.actor,
    request,
  });
  if (!auth.newSession) return { reply, route: routeName };
  const cookie = `JSESSIONID=${auth.sessionId}; Path=/; HttpOnly`;
  return { reply: { ...reply, headers: { ...reply.headers, 'Set-Cookie': cookie } }, route: routeName };
}

async function handle(emulator: Emulator, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
  let routeName = 'error';
  let reply: Reply;
  try {
    ({ reply, route: routeName } = await route(emulator, request, url));
  } catch (error) {
    if (!(error instanceof InstanceError)) throw error;
    reply = fromError(error);
    if (error.status === 401) routeName = 'unauthenticated';
  }
  if (routeName !== 'control') emulator.stats.record(routeName, reply.status);
  write(response, reply, { head: methodOf(request) === 'HEAD' });
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
