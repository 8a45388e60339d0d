/**
 * Escaping for text that came from outside (record names and descriptions on the instance,
 * names in declarations): shown as it is, it must not be able to act. Every sink has its own
 * rules; these are the shared pieces.
 */

/** Line breaks of every kind: CRLF, a lone CR or LF, NEL, VT, FF, U+2028 and U+2029. */
const LINE_BREAKS = /\r\n|[\r\n\u000b\u000c\u0085\u2028\u2029]/g;

/**
 * Characters that change how text is shown or read rather than being shown: C0 and C1
 * controls (terminal escapes among them), DEL, the line and paragraph separators, the
 * bidirectional overrides, embeddings, isolates and marks that make text read in another order,
 * and the zero-width characters that make two different names look the same.
 */
const UNSAFE_BEYOND_C0 = '\\u007f-\\u009f\\u2028\\u2029\\u061c\\u200b-\\u200f\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff';
const INVISIBLE = new RegExp(`[\\u0000-\\u001f${UNSAFE_BEYOND_C0}]`, 'g');
/** The same, less the C0 controls, which JSON.stringify already escapes. */
const INVISIBLE_IN_JSON = new RegExp(`[${UNSAFE_BEYOND_C0}]`, 'g');

/** `\x1b`, `\u202e`: the code of a character, visible. */
function visible(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * JSON text safe to print: characters JSON may carry raw but a log or terminal would act on
 * (DEL, C1 controls, line separators, bidi overrides) written as \u escapes. Parsed, it is the
 * same data.
 */
export function escapeJson(json: string): string {
  return json.replace(INVISIBLE_IN_JSON, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** One line of text for a terminal or a log: every control and bidi character shown as its code. */
export function escapeText(text: string): string {
  return text.replace(INVISIBLE, visible);
}

/** Text for one line of markdown or HTML: line breaks become spaces, other controls their codes. */
export function flattenLine(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, visible);
}

/**
 * GitHub Actions reads a log line that starts with `::` (after any indentation) as a workflow
 * command (::error, ::add-mask::, ::stop-commands::). A rendered line never starts so: its
 * first colon is shown as `\x3a`.
 */
export function guardWorkflowCommands(text: string): string {
  return text.replace(/^(\s*):(?=:)/gm, '$1\\x3a');
}
