import type { SourceRef } from '../diagnostics.js';
import { naturalKey } from '../model/keys.js';
import type { Declared, Scalar } from '../model/scalar.js';
import type { Outline } from './outline.js';

/**
 * A YAML document that passed its kind's schema, with the places of its values: what a kind
 * builds its declarations from. (src/config/ parses and validates; the kind knows the shape.)
 * `data` is typed by the document type the kind writes next to its builder: the validator that
 * passed it is a type guard for that type, and the kind's outline ties the type to the schema.
 */
export interface DeclarationSource<T> {
  readonly data: T;
  readonly positions: {
    valueAt(pointer: string): SourceRef;
    keyAt(pointer: string): SourceRef;
  };
}

/** How a kind is declared: its schema under schemas/, and how a valid document becomes records. */
export interface Declaration<D, T> {
  /** The file name under schemas/ that documents of this kind are validated against. */
  readonly schema: string;
  /** T as the schema describes it: checked against T by the compiler, against the schema by a test. */
  readonly outline: Outline<T>;
  /** The field holding the natural key, to remember the name of a document that failed validation. */
  readonly keyField?: FieldOf<T>;
  build(source: DeclarationSource<T>): readonly D[];
}

/** A field of T (of any member, when T is a union of documents). */
type FieldOf<T> = T extends unknown ? keyof T & string : never;

/** The fields of T that hold one scalar value, and those that hold a list of names. */
type ScalarField<T> = { [K in keyof T]-?: Exclude<T[K], undefined> extends Scalar ? K : never }[keyof T] & string;
type ListField<T> = { [K in keyof T]-?: Exclude<T[K], undefined> extends readonly string[] ? K : never }[keyof T] & string;
/** `undefined` when T may leave the field out, `never` when the schema requires it. */
type Absent<T, F extends keyof T> = undefined extends T[F] ? undefined : never;

/** Reads one validated document, every value paired with its place. */
export class DeclarationReader<T extends object> {
  constructor(readonly source: DeclarationSource<T>) {}

  get data(): T {
    return this.source.data;
  }

  at(pointer: string): SourceRef {
    return this.source.positions.valueAt(pointer);
  }

  keyAt(pointer: string): SourceRef {
    return this.source.positions.keyAt(pointer);
  }

  /** The field's value with its place (mapped, if `map` is given); undefined when the field is absent. */
  value<F extends ScalarField<T>>(field: F): Declared<Exclude<T[F], undefined>> | Absent<T, F>;
  value<F extends ScalarField<T>, V extends Scalar>(field: F, map: (value: Exclude<T[F], undefined>) => V): Declared<V> | Absent<T, F>;
  value<F extends ScalarField<T>>(field: F, map?: (value: Exclude<T[F], undefined>) => Scalar): Declared<unknown> | undefined {
    const value = this.source.data[field];
    if (value === undefined) return undefined;
    // The check above is what Exclude says; the compiler does not narrow T[F] for a generic F.
    return { value: map ? map(value as Exclude<T[F], undefined>) : value, at: this.at(`/${field}`) };
  }

  /** A list of names, each normalised and with its place; undefined when the field is absent. */
  names<F extends ListField<T>>(field: F, normalise: (name: string) => string = naturalKey): Declared<string>[] | undefined {
    // ListField<T> holds only the fields typed as lists of names; the compiler cannot resolve T[F] for a generic F.
    const list = this.source.data[field] as readonly string[] | undefined;
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
  // A computed key of a generic type K is typed as a string index; this object has key K only.
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
