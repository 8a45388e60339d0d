import type { Plan } from '../plan/change.js';

/** `Plan: 3 to create, 2 to update, 1 to deactivate, 4 grants, 1 revoke.`, or `No changes.` */
export function summaryLine(plan: Plan): string {
  const c = plan.counts;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [
    c.create > 0 ? `${c.create} to create` : '',
    c.update > 0 ? `${c.update} to update` : '',
    c.deactivate > 0 ? `${c.deactivate} to deactivate` : '',
    c.delete > 0 ? `${c.delete} to delete` : '',
    c.grant > 0 ? plural(c.grant, 'grant') : '',
    c.revoke > 0 ? plural(c.revoke, 'revoke') : '',
    c.set > 0 ? `${plural(c.set, 'setting')} to set` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'No changes. The instance matches the declarations.' : `Plan: ${parts.join(', ')}.`;
}
