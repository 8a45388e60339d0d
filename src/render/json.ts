import { canonicalJson } from '../plan/canonical-json.js';
import type { Plan } from '../plan/change.js';

/** The canonical plan: stable key order, validated by schemas/plan.schema.json. */
export function renderJson(plan: Plan): string {
  return `${canonicalJson(plan, 2)}\n`;
}
