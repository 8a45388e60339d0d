import { canonicalJson } from './canonical-json.js';
import type { Change } from './change.js';

/**
 * What a change does, regardless of where it is declared or why: kind, key, action and fields.
 * Drift detection and the stale-plan check compare changes by it.
 */
export function changeSignature(change: Change): string {
  return canonicalJson({ kind: change.kind, key: change.key, action: change.action, fields: change.fields });
}
