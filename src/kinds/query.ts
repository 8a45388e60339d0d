/**
 * Building encoded queries from natural keys. Values are escaped (`^` as `^^`); a comma cannot
 * be escaped inside an IN list, so a name holding one is matched with its own `=` term.
 * IN lists are chunked so that no query grows past what fits safely in a URL.
 */
const MAX_QUERY_LENGTH = 1500;

export function escapeValue(value: string): string {
  return value.replace(/\^/g, '^^');
}

/**
 * Queries that together select every row whose `field` is one of `values`: few values give one
 * query, many give several, each under MAX_QUERY_LENGTH characters.
 */
export function inQueries(field: string, values: Iterable<string>): string[] {
  const unique = [...new Set(values)].sort();
  const queries: string[] = [];
  let chunk: string[] = [];
  let length = 0;
  const flush = () => {
    if (chunk.length > 0) queries.push(`${field}IN${chunk.join(',')}`);
    chunk = [];
    length = 0;
  };
  for (const value of unique) {
    if (value.includes(',')) {
      queries.push(`${field}=${escapeValue(value)}`);
      continue;
    }
    const escaped = escapeValue(value);
    if (length + escaped.length + 1 > MAX_QUERY_LENGTH - field.length - 2) flush();
    chunk.push(escaped);
    length += escaped.length + 1;
  }
  flush();
  return queries;
}

/** One query matching any of the prefixes, or undefined when there are none. */
export function prefixQuery(field: string, prefixes: readonly string[]): string | undefined {
  if (prefixes.length === 0) return undefined;
  return prefixes.map((prefix) => `${field}STARTSWITH${escapeValue(prefix)}`).join('^OR');
}
