import { escapeText, guardWorkflowCommands } from './render/escape.js';
/** Where something was declared: every finding and error about YAML points here. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * One type for everything a user must read: validation errors, policy findings, safety rails,
 * API failures. `summary` says what is wrong, `fix` says what to do about it.
 */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly summary: string;
  readonly fix?: string;
  readonly at?: SourceRef;
  /** The record concerned, by kind and natural key (policy findings, API errors). */
  readonly record?: { readonly kind: string; readonly key: string };
  /** The API call concerned: never headers, never bodies. */
  readonly request?: { readonly method: string; readonly path: string; readonly status?: number };
}

export function formatSourceRef(at: SourceRef): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/** `accounts/okta.yaml:14:7 error [unknown-group] group "x" is not declared: declare it or fix the name` */
export function formatDiagnostic(d: Diagnostic): string {
  const place = d.at ? `${formatSourceRef(d.at)} ` : '';
  const fix = d.fix ? `: ${d.fix}` : '';
  // One line, whatever names from files or the instance it quotes.
  return guardWorkflowCommands(escapeText(`${place}${d.severity} [${d.code}] ${d.summary}${fix}`));
}

/** A failure snac understands and can explain; its message is safe to print (never a secret). */
export class SnacError extends Error {
  override readonly name: string = 'SnacError';
  constructor(
    message: string,
    readonly code: string,
    readonly fix?: string,
  ) {
    super(message);
  }
}

/**
 * A printable one-liner for any thrown value. Unknown errors show only their message: never
 * a whole object, which for an HTTP library error would include request headers.
 */
export function describeError(error: unknown): string {
  if (error instanceof SnacError) return error.fix ? `${error.message}: ${error.fix}` : error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
