import type { ListOptions, Row, TableReader } from '../../src/kinds/table-reader.js';
import { basic } from './emulator.js';

/**
 * A deliberately plain TableReader over fetch (offset paging up to X-Total-Count), so reader
 * tests do not depend on the production client. Counts the requests it makes per table. Rows
 * counted but hidden by read ACLs fail the read, or with allowHidden are reported to onHidden.
 */
export function fetchReader(url: string, user: string, password: string): TableReader & { requests: Map<string, number> } {
  const requests = new Map<string, number>();
  return {
    requests,
    async list(table: string, options: ListOptions): Promise<Row[]> {
      const rows: Row[] = [];
      const limit = options.pageSize ?? 1000;
      let total = 0;
      for (let offset = 0; offset === 0 || offset < total; offset += limit) {
        const params = new URLSearchParams({
          sysparm_fields: options.fields.join(','),
          sysparm_exclude_reference_link: 'true',
          sysparm_limit: String(limit),
          sysparm_offset: String(offset),
          sysparm_query: `${options.query ? `${options.query}^` : ''}ORDERBYsys_id`,
        });
        requests.set(table, (requests.get(table) ?? 0) + 1);
        const response = await fetch(`${url}/api/now/table/${table}?${params}`, {
          headers: { Accept: 'application/json', Authorization: basic(user, password) },
        });
        if (!response.ok) throw new Error(`GET ${table}: ${response.status} ${await response.text()}`);
        total = Number(response.headers.get('x-total-count') ?? '0');
        rows.push(...((await response.json()) as { result: Row[] }).result);
      }
      const hidden = total - rows.length;
      if (hidden > 0 && !options.allowHidden) throw new Error(`GET ${table}: ${hidden} rows hidden by read ACLs`);
      if (hidden > 0) options.onHidden?.(hidden);
      return rows;
    },
  };
}
