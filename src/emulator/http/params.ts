import { errors } from '../errors.js';

export type DisplayMode = 'false' | 'true' | 'all';

/** The sysparm_* parameters of a Table API request, parsed once. */
export interface TableParams {
  readonly query: string;
  readonly fields: readonly string[] | undefined;
  readonly limit: number;
  readonly offset: number;
  readonly display: DisplayMode;
  readonly excludeReferenceLink: boolean;
  readonly noCount: boolean;
  readonly suppressPaginationHeader: boolean;
  readonly inputDisplayValue: boolean;
}

export const DEFAULT_LIMIT = 10_000;

const bool = (value: string | null): boolean => value?.toLowerCase() === 'true';

function nonNegativeInteger(name: string, value: string | null, fallback: number): number {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw errors.badRequest(`Invalid ${name} value: ${value}`);
  return n;
}

/**
 * Plain name=value pairs (`?active=true&user_name=x`) filter like an encoded query; they are
 * mutually exclusive with sysparm_query, which wins when both are given.
 */
function pairsQuery(search: URLSearchParams, isField: (name: string) => boolean): string {
  const terms: string[] = [];
  for (const [name, value] of search) {
    if (!name.startsWith('sysparm_') && isField(name)) terms.push(`${name}=${value.replaceAll('^', '^^')}`);
  }
  return terms.join('^');
}

export function parseTableParams(search: URLSearchParams, isField: (name: string) => boolean): TableParams {
  const display = (search.get('sysparm_display_value') ?? 'false').toLowerCase();
  const fields = search.get('sysparm_fields');
  return {
    query: search.get('sysparm_query') ?? pairsQuery(search, isField),
    fields: fields
      ? fields
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : undefined,
    limit: nonNegativeInteger('sysparm_limit', search.get('sysparm_limit'), DEFAULT_LIMIT) || DEFAULT_LIMIT,
    offset: nonNegativeInteger('sysparm_offset', search.get('sysparm_offset'), 0),
    display: display === 'true' || display === 'all' ? display : 'false',
    excludeReferenceLink: bool(search.get('sysparm_exclude_reference_link')),
    noCount: bool(search.get('sysparm_no_count')),
    suppressPaginationHeader: bool(search.get('sysparm_suppress_pagination_header')),
    inputDisplayValue: bool(search.get('sysparm_input_display_value')),
  };
}
