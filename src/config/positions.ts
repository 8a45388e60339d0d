import type { SourceRef } from '../diagnostics.js';

import { childPointer, type Pointer } from '../model/pointer.js';

export { childPointer, type Pointer };

function parentPointer(pointer: Pointer): Pointer | undefined {
  if (pointer === '') return undefined;
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

/**
 * Where every node of one YAML document starts, by pointer: the value, and for a mapping entry
 * also its key. Recorded while the document is converted to plain data, so an ajv error (which
 * knows only an instancePath) or a cross-file rule can point at the exact line and column.
 */
export class Positions {
  private readonly values = new Map<Pointer, SourceRef>();
  private readonly keys = new Map<Pointer, SourceRef>();

  constructor(
    readonly file: string,
    /** Where the document starts: the fallback for anything not recorded. */
    readonly start: SourceRef,
  ) {}

  record(pointer: Pointer, value: SourceRef, key?: SourceRef): void {
    this.values.set(pointer, value);
    if (key) this.keys.set(pointer, key);
  }

  /** Where the value at `pointer` starts; for a value that is not there, its nearest ancestor. */
  valueAt(pointer: Pointer): SourceRef {
    for (let p: Pointer | undefined = pointer; p !== undefined; p = parentPointer(p)) {
      const at = this.values.get(p);
      if (at) return at;
    }
    return this.start;
  }

  /** Where the key of the mapping entry at `pointer` starts (the value's place for list items). */
  keyAt(pointer: Pointer): SourceRef {
    return this.keys.get(pointer) ?? this.valueAt(pointer);
  }
}
