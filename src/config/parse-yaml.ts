import { LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import type { Positions } from './positions.js';
import { toYamlData, type YamlData } from './yaml-data.js';

/** One YAML document of a file, as plain data, with the position of every value in it. */
/** A parsed document; T is the type its schema gives it once validated (see validate.ts). */
export interface YamlDocument<T = YamlData> {
  readonly file: string;
  /** 0-based index of the document within its file. */
  readonly index: number;
  readonly data: T;
  readonly positions: Positions;
}

export interface ParsedFile {
  readonly documents: readonly YamlDocument[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A broken document's later errors mostly follow from its first; a few are enough to act on. */
const MAX_ERRORS_PER_DOCUMENT = 5;

/**
 * Parses every document of a YAML file (YAML 1.2 core schema: `yes` is a string, dates are
 * strings, `<<` is an ordinary key). A document with a syntax error is reported and left out;
 * the others are still returned, so one run reports every problem.
 */
export function parseYamlFile(file: string, text: string): ParsedFile {
  const lineCounter = new LineCounter();
  // uniqueKeys is off: yaml checks each key against every earlier one (quadratic: a 1 MiB file
  // of 124k keys took minutes). toYamlData finds duplicates in one pass, with both positions.
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: false, version: '1.2', merge: false });
  const documents: YamlDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let index = 0;
  for (const doc of Array.from(parsed)) {
    // Unresolved tags are refused by toYamlData, at the node, with a clearer message.
    const warnings = doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED');
    diagnostics.push(...yamlDiagnostics(file, text, lineCounter, warnings, 'warning'));
    if (doc.errors.length > 0) {
      diagnostics.push(...yamlDiagnostics(file, text, lineCounter, doc.errors, 'error', doc.range[0]));
    } else if (doc.contents !== null) {
      const result = toYamlData(doc.contents, file, lineCounter);
      if ('diagnostic' in result) diagnostics.push(result.diagnostic);
      // An empty document (after a trailing `---`) declares nothing.
      else if (result.data !== null) documents.push({ file, index, data: result.data, positions: result.positions });
    }
    index += 1;
  }
  if (index === 0 || (documents.length === 0 && diagnostics.length === 0)) {
    diagnostics.push({
      severity: 'warning',
      code: 'empty-file',
      summary: 'the file declares nothing',
      fix: 'add a declaration with a `kind:` or delete the file',
      at: { file, line: 1, column: 1 },
    });
  }
  return { documents, diagnostics };
}

function yamlDiagnostics(
  file: string,
  text: string,
  lineCounter: LineCounter,
  errors: readonly YAMLError[],
  severity: Diagnostic['severity'],
  documentStart = 0,
): Diagnostic[] {
  const seen = new Set<string>();
  const result: Diagnostic[] = [];
  // When the stack ran out, what else the parser reports is a consequence whose place depends
  // on the machine: the nesting is the one thing to fix.
  const exhausted = errors.some((e) => e.code === 'RESOURCE_EXHAUSTION');
  for (const error of exhausted ? errors.filter((e) => e.code === 'RESOURCE_EXHAUSTION') : errors) {
    const diagnostic = describe(error);
    // A stack overflow while composing is reported once per nested level: one is enough.
    if (error.code === 'RESOURCE_EXHAUSTION' && seen.has(error.code)) continue;
    seen.add(error.code);
    const { line, col } = lineCounter.linePos(errorOffset(error, text, documentStart));
    result.push({ severity, ...diagnostic, at: { file, line, column: col } });
    if (result.length === MAX_ERRORS_PER_DOCUMENT) break;
  }
  return result;
}

/**
 * Where to point for an error. yaml reports an unclosed quote where the file ends: the opening
 * quote is what to fix. Where the stack ran out depends on the machine, so a document nested
 * too deeply is reported at its start.
 */
function errorOffset(error: YAMLError, text: string, documentStart: number): number {
  if (error.code === 'RESOURCE_EXHAUSTION') return documentStart;
  const quote = error.code === 'MISSING_CHAR' ? /closing (["'])quote/.exec(error.message)?.[1] : undefined;
  if (quote === undefined) return error.pos[0];
  let open = text.lastIndexOf(quote, error.pos[0] - 1);
  // Skip escaped quotes inside the string: \" in double quotes, '' in single quotes.
  while (open > 0 && text[open - 1] === (quote === '"' ? '\\' : quote)) open = text.lastIndexOf(quote, open - 2);
  return open >= 0 ? open : error.pos[0];
}

function describe(error: YAMLError): Pick<Diagnostic, 'code' | 'summary' | 'fix'> {
  switch (error.code) {
    case 'RESOURCE_EXHAUSTION':
      return { code: 'yaml-too-deep', summary: 'the document is nested too deeply to read', fix: 'declarations are at most a few levels deep: flatten it' };
    default:
      return { code: 'yaml-syntax', summary: `YAML syntax: ${error.message.split('\n')[0] ?? error.code}`, fix: 'fix the YAML at this place' };
  }
}
