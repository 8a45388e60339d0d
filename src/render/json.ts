import { canonicalJson } from '../plan/canonical-json.js';
import type { Plan } from '../plan/change.js';
import { escapeJson } from './escape.js';

/**
 * The canonical plan: stable key order, validated by schemas/plan.schema.json, with characters
 * a log or terminal would act on written as \u escapes (the same data once parsed).
 */
export function renderJson(plan: Plan): string {
  return `${escapeJson(canonicalJson(plan, 2))}\n`;
}
