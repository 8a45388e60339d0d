import type { SourceRef } from '../diagnostics.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';

/**
 * A YAML document that passed its kind's schema, with the places of its values: what a kind
 * builds its declarations from. (src/config/ parses and validates; the kind knows the shape.)
 */
export interface DeclarationSource {
  readonly data: unknown;
  readonly positions: {
    valueAt(pointer: string): SourceRef;
    keyAt(pointer: string): SourceRef;
  };
}

/** How a kind is declared: its schema under schemas/, and how a valid document becomes records. */
export interface Declaration<D> {
  /** The file name under schemas/ that documents of this kind are validated against. */
  readonly schema: string;
  /** The field holding the natural key, to remember the name of a document that failed validation. */
  readonly keyField?: string;
  build(source: DeclarationSource): readonly D[];
}

type Data = Readonly<Record<string, unknown>>;

/** Reads one validated document, every value paired with its place. */
export class DeclarationReader {
  readonly data: Data;
  constructor(readonly source: DeclarationSource) {
    this.data = source.data as Data;
  }

  at(pointer: string): SourceRef {
    return this.source.positions.valueAt(pointer);
  }

  keyAt(pointer: string): SourceRef {
    return this.source.positions.keyAt(pointer);
  }

  /** The field's value with its place, or undefined when the field is absent. */
  value<T extends Scalar>(field: string, map: (value: T) => Scalar = (v) => v): Declared<Scalar> | undefined {
    const value = this.data[field] as T | undefined;
    return value === undefined ? undefined : { value: map(value), at: this.at(`/${field}`) };
  }

  /** A string field with its place, or undefined when absent. */
  text(field: string, map: (value: string) => string = (v) => v): Declared<string> | undefined {
    const value = this.data[field] as string | undefined;
    return value === undefined ? undefined : { value: map(value), at: this.at(`/${field}`) };
  }

  /** A list of names, each normalised and with its place; undefined when the field is absent. */
  names(field: string, normalise: (name: string) => string = naturalKey): Declared<string>[] | undefined {
    const list = this.data[field] as readonly string[] | undefined;
    return list?.map((name, i) => {
      const value = normalise(name);
      return { value, at: this.at(`/${field}/${i}`), ...(value === name ? {} : { written: name }) };
    });
  }
}

/** Sets `fields[field]` when the declared value is there: an absent field stays unmanaged. */
export function put<F extends string>(fields: Partial<Record<F, Declared<Scalar>>>, field: F, value: Declared<Scalar> | undefined): void {
  if (value !== undefined) fields[field] = value;
}

/** `{ key: value }` when the value is there, `{}` when not (for optional properties). */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
