/**
 * The shape of a YAML document as its JSON Schema describes it, written as a value that the
 * compiler checks against the document's TypeScript type: `Outline<GroupDocument>` accepts only
 * an outline with exactly the fields of GroupDocument, optional where they are optional, each of
 * its JSON type. test/config/document-types.test.ts checks every outline against its schema, so
 * the type a validated document is given and the schema that validated it cannot drift apart.
 *
 * Written in JSON Schema's words: `properties`, `items`, `enum` (a const is an enum of one),
 * `oneOf`, `additionalProperties` (a map's values), `type` (a list of JSON types). Integers and
 * numbers are both 'number', as TypeScript does not tell them apart.
 */

type Primitive = string | number | boolean;

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type IsUnion<T> = [T] extends [UnionToIntersection<T>] ? false : true;

type JsonType<X> = X extends string ? 'string' : X extends number ? 'number' : X extends boolean ? 'boolean' : never;

/** A string, number or boolean: its JSON type, the values of an enum, or the JSON types it may take. */
type ScalarOutline<X extends Primitive> =
  IsUnion<JsonType<X>> extends true
    ? { readonly type: readonly JsonType<X>[] }
    : [X] extends [string]
      ? string extends X
        ? 'string'
        : { readonly enum: readonly X[] }
      : JsonType<X>;

/** One value's outline. */
export type ValueOutline<X> = [X] extends [Primitive]
  ? ScalarOutline<X>
  : [X] extends [readonly (infer E)[]]
    ? { readonly items: ValueOutline<E> }
    : IsUnion<X> extends true
      ? { readonly oneOf: readonly Outline<X>[] }
      : string extends keyof X
        ? { readonly additionalProperties: ValueOutline<X[keyof X & string]> }
        : Outline<X>;

/** The keys written out in T, without its index signature. */
type KnownKeys<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: unknown } & keyof T;

/**
 * An object's outline: each field's value outline, wrapped in `{ optional }` when the field may be
 * left out. A type with an index signature (the High Security Settings by friendly name) says in
 * `others` what its further fields are.
 */
export type Outline<T> = T extends unknown
  ? {
      readonly properties: {
        readonly [K in KnownKeys<T>]-?: undefined extends T[K] ? { readonly optional: ValueOutline<Exclude<T[K], undefined>> } : ValueOutline<T[K]>;
      };
    } & (string extends keyof T ? { readonly others: string } : unknown)
  : never;
