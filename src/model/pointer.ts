/** A JSON Pointer (RFC 6901) to a value inside one document, as ajv's `instancePath` spells it. */
export type Pointer = string;

/** The pointer to a child of `parent`: a mapping key or a list index, escaped as RFC 6901 says. */
export function childPointer(parent: Pointer, segment: string | number): Pointer {
  return `${parent}/${String(segment).replaceAll('~', '~0').replaceAll('/', '~1')}`;
}
