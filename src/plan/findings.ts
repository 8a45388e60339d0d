import type { Plan } from './change.js';

export function hasBlockingFindings(p: Plan): boolean {
  return p.findings.some((f) => f.blocking);
}
