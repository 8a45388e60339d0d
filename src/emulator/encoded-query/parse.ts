/**
 * The encoded query grammar of `sysparm_query` (SERVICENOW.md §3): `^` is AND, `^OR` ORs a
 * condition with the one before it, `^NQ` starts a new block ORed with the others, `^^` is a
 * literal caret, ORDERBY / ORDERBYDESC terms may appear anywhere and repeat.
 */
export type Operator =
  | '='
  | '!='
  | 'IN'
  | 'NOT IN'
  | 'LIKE'
  | 'NOT LIKE'
  | 'STARTSWITH'
  | 'ENDSWITH'
  | 'ISEMPTY'
  | 'ISNOTEMPTY'
  | 'EMPTYSTRING'
  | 'ANYTHING'
  | '<'
  | '<='
  | '>'
  | '>='
  | 'BETWEEN'
  | 'SAMEAS'
  | 'NSAMEAS';

export interface Condition {
  readonly field: string;
  readonly operator: Operator;
  readonly value: string;
}

/** An AND of terms; each term is an OR of conditions. */
export type Block = readonly (readonly Condition[])[];

export interface OrderBy {
  readonly field: string;
  readonly descending: boolean;
}

export interface ParsedQuery {
  /** ORed together; empty means "everything". */
  readonly blocks: readonly Block[];
  readonly orderBy: readonly OrderBy[];
  /** Terms with no recognisable operator: ServiceNow silently ignores them. */
  readonly invalidTerms: readonly string[];
}

/** A query the emulator refuses outright (server-side script it will not run). */
export class QueryError extends Error {
  override readonly name = 'QueryError';
}

/** Keyword operators, longest first so `NOT LIKE` wins over `LIKE` and `ISNOTEMPTY` over `IN`. */
const KEYWORDS: readonly [string, Operator][] = [
  ['ISNOTEMPTY', 'ISNOTEMPTY'],
  ['EMPTYSTRING', 'EMPTYSTRING'],
  ['STARTSWITH', 'STARTSWITH'],
  ['NOT LIKE', 'NOT LIKE'],
  ['NOTLIKE', 'NOT LIKE'],
  ['ENDSWITH', 'ENDSWITH'],
  ['ANYTHING', 'ANYTHING'],
  ['ISEMPTY', 'ISEMPTY'],
  ['BETWEEN', 'BETWEEN'],
  ['NSAMEAS', 'NSAMEAS'],
  ['NOT IN', 'NOT IN'],
  ['NOTIN', 'NOT IN'],
  ['SAMEAS', 'SAMEAS'],
  ['LIKE', 'LIKE'],
  ['IN', 'IN'],
];
const SYMBOLS: readonly [string, Operator][] = [
  ['!=', '!='],
  ['<=', '<='],
  ['>=', '>='],
  ['=', '='],
  ['<', '<'],
  ['>', '>'],
];
const NO_OPERAND: ReadonlySet<Operator> = new Set(['ISEMPTY', 'ISNOTEMPTY', 'EMPTYSTRING', 'ANYTHING']);

/** Split on single carets, keeping `^^` as a literal caret in the piece. */
function splitTerms(query: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < query.length; i++) {
    const ch = query[i];
    if (ch === '^' && query[i + 1] === '^') {
      current += '^';
      i += 1;
    } else if (ch === '^') {
      terms.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  terms.push(current);
  return terms;
}

/**
 * One condition: the field is the longest prefix of name characters after which an operator
 * starts. A keyword operator must start right after the field; field names never contain upper
 * case keyword text at that position in practice (`user_nameIN...`, `activeISEMPTY`).
 */
export function parseCondition(term: string): Condition | undefined {
  const field = /^[A-Za-z0-9_.]+?(?=[!=<>]|ISNOTEMPTY|EMPTYSTRING|STARTSWITH|NOT ?LIKE|ENDSWITH|ANYTHING|ISEMPTY|BETWEEN|N?SAMEAS|NOT ?IN|LIKE|IN)/.exec(term)?.[0];
  if (!field) return undefined;
  const rest = term.slice(field.length);
  for (const [token, operator] of [...KEYWORDS, ...SYMBOLS]) {
    if (!rest.startsWith(token)) continue;
    const value = rest.slice(token.length);
    if (NO_OPERAND.has(operator) && value !== '') continue;
    if (value.trim().toLowerCase().startsWith('javascript:')) {
      throw new QueryError(`the emulator does not run server-side scripts: ${term}`);
    }
    return { field, operator, value };
  }
  return undefined;
}

export function parseEncodedQuery(query: string): ParsedQuery {
  const blocks: Condition[][][] = [[]];
  const orderBy: OrderBy[] = [];
  const invalidTerms: string[] = [];
  for (const raw of query ? splitTerms(query) : []) {
    let term = raw;
    if (term === '') continue;
    if (term.startsWith('NQ')) {
      blocks.push([]);
      term = term.slice(2);
      if (term === '') continue;
    }
    if (term.startsWith('ORDERBYDESC')) {
      orderBy.push({ field: term.slice('ORDERBYDESC'.length), descending: true });
      continue;
    }
    if (term.startsWith('ORDERBY')) {
      orderBy.push({ field: term.slice('ORDERBY'.length), descending: false });
      continue;
    }
    const isOr = term.startsWith('OR');
    const condition = parseCondition(isOr ? term.slice(2) : term);
    if (!condition) {
      invalidTerms.push(raw);
      continue;
    }
    const block = blocks[blocks.length - 1] ?? [];
    const previous = block[block.length - 1];
    if (isOr && previous) previous.push(condition);
    else block.push([condition]);
  }
  return { blocks: blocks.filter((b) => b.length > 0), orderBy, invalidTerms };
}
