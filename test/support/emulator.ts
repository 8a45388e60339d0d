import { Emulator, type EmulatorOptions } from '../../src/emulator/emulator.js';
import { startEmulatorServer } from '../../src/emulator/http/server.js';
import { SeedWriter } from '../../src/emulator/seeds/writer.js';

export interface TestInstance {
  readonly url: string;
  readonly emulator: Emulator;
  close(): Promise<void>;
  /** fetch against the emulator as a user (Basic auth), with JSON headers. */
  as(user: string, password: string): Client;
}

export interface Client {
  get(path: string): Promise<Response>;
  post(path: string, body: unknown): Promise<Response>;
  patch(path: string, body: unknown): Promise<Response>;
  put(path: string, body: unknown): Promise<Response>;
  delete(path: string): Promise<Response>;
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Start an emulator on a free loopback port, as the tests' instance. */
export async function startInstance(options: EmulatorOptions = { seed: 'empty' }): Promise<TestInstance> {
  const emulator = new Emulator(options);
  const running = await startEmulatorServer(emulator, 0);
  const as = (user: string, password: string): Client => {
    const headers = { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: basic(user, password) };
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${running.url}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return {
      get: (path) => call('GET', path),
      post: (path, body) => call('POST', path, body),
      patch: (path, body) => call('PATCH', path, body),
      put: (path, body) => call('PUT', path, body),
      delete: (path) => call('DELETE', path),
    };
  };
  return { url: running.url, emulator, close: () => running.close(), as };
}

export async function body<T = { result: Record<string, unknown> }>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

/** A user with exactly these direct roles, created through the engine (not the API). */
export function addUser(
  emulator: Emulator,
  userName: string,
  password: string,
  options: { roles?: string[]; groups?: string[]; web_service_access_only?: boolean } = {},
): string {
  const seed = new SeedWriter(emulator);
  const row = seed.user({ user_name: userName, first_name: userName, last_name: 'Test', password, ...options });
  return row.values['sys_id'] ?? '';
}
