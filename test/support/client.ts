import { createTableApi, Secret, type TableApi, type TableApiOptions } from '../../src/servicenow/index.js';

/** The production client against a test instance, with Basic auth. */
export function basicClient(url: string, username: string, password: string, options: Partial<TableApiOptions> = {}): TableApi {
  return createTableApi({ url, credentials: { type: 'basic', username, password: new Secret(password), source: 'test' }, ...options });
}
