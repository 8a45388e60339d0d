import type { SourceRef } from '../diagnostics.js';

/** A field value after normalisation: ServiceNow's strings become booleans and numbers. */
export type Scalar = string | number | boolean | null;

/** A declared value and the place in YAML it came from, so every finding can point at it. */
export interface Declared<T> {
  readonly value: T;
  readonly at: SourceRef;
  /** The text as written in YAML, when normalising `value` changed it: what messages echo. */
  readonly written?: string;
}
