import type { Change } from './change.js';

/** How a change cuts an account off from the instance. */
export type CutOff = 'delete' | 'deactivate' | 'lock-out' | 'revoke';

/**
 * How the change cuts off the record it is about, if it does: deleting it, deactivating it
 * (or setting active to false), locking it out (locked_out to true), or revoking a link from it
 * (a role, a group). Removing a duplicate link row cuts nothing: the oldest row, the link
 * itself, stays. Whose account that is, and whether a revoke matters, is the caller's question.
 */
export function cutOff(change: Change): CutOff | undefined {
  if (change.origin === 'duplicate') return undefined;
  const sets = (field: string, value: boolean) => change.fields.some((f) => f.field === field && f.after === value);
  if (change.action === 'delete') return 'delete';
  if (change.action === 'deactivate' || sets('active', false)) return 'deactivate';
  if (sets('locked_out', true)) return 'lock-out';
  if (change.action === 'revoke') return 'revoke';
  return undefined;
}
