import type { Actor } from '../actor.js';
import { InstanceError } from '../errors.js';
import type { Instance } from '../instance.js';
import type { Row } from '../store.js';

/** What a request asks of which REST API, for matching rate-limit rules. */
export interface RestResource {
  readonly api: 'table' | 'batch';
  readonly method: string;
  /** The table of a Table API request; '' for the Batch API. */
  readonly table: string;
}

const API_LABEL: Record<RestResource['api'], string> = { table: 'Table API', batch: 'Batch API' };
const HOUR_MS = 3_600_000;
const PRIORITY = { user: 0, role: 1, all: 2 } as const;

function matches(rule: Row, resource: RestResource): boolean {
  const v = rule.values;
  if (v['active'] !== 'true' || (v['rest_api'] || 'table') !== resource.api) return false;
  if (v['http_method'] && v['http_method'].toUpperCase() !== resource.method) return false;
  return !v['table_name'] || resource.api !== 'table' || v['table_name'] === resource.table;
}

function appliesTo(instance: Instance, rule: Row, actor: Actor): boolean {
  const v = rule.values;
  switch (v['apply_to']) {
    case 'user':
      return v['user'] === actor.userId;
    case 'role': {
      const role = v['role'] ? instance.get('sys_user_role', v['role'])?.values['name'] : undefined;
      return role !== undefined && actor.roles.has(role);
    }
    case 'all':
      return true;
    default:
      return false;
  }
}

const limitOf = (rule: Row): number => Number(rule.values['request_limit'] || '0');

/**
 * The one rule that governs a request (inbound-REST-API-rate-limiting.md): a Single user rule
 * beats a Users with role rule, which beats an All users rule; among rules of the same kind the
 * lowest limit wins. A user "with role" holds the role itself (admin does not imply it here).
 */
export function governingRule(instance: Instance, actor: Actor, resource: RestResource): Row | undefined {
  let best: Row | undefined;
  const rank = (rule: Row) => PRIORITY[rule.values['apply_to'] as keyof typeof PRIORITY];
  for (const rule of instance.store.scan('sys_rate_limit_rules')) {
    if (!matches(rule, resource) || !appliesTo(instance, rule, actor)) continue;
    if (!best || rank(rule) < rank(best) || (rank(rule) === rank(best) && limitOf(rule) < limitOf(best))) best = rule;
  }
  return best;
}

/**
 * Inbound REST rate limiting: requests per user per clock hour under the governing rule, with
 * X-RateLimit-Limit / -Reset (Unix seconds of the next hour) / -Rule (the rule's sys_id) on every
 * matched request and, past the limit, 429 with Retry-After and the documented error body.
 * Counts apply at once; a real instance commits them every 30 s and so can let a burst through.
 */
export class RateLimiter {
  /** Requests so far in `hour`, by rule and user; a new hour starts from zero. */
  private readonly counts = new Map<string, number>();
  private hour = 0;

  /** Headers to add to the reply; throws the 429 when the request is over its rule's limit. */
  admit(instance: Instance, actor: Actor, resource: RestResource): Record<string, string> {
    if (actor.system) return {};
    const rule = governingRule(instance, actor, resource);
    if (!rule) return {};
    const now = instance.clock.now();
    const hourStart = Math.floor(now / HOUR_MS) * HOUR_MS;
    const limit = limitOf(rule);
    const headers = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Reset': String((hourStart + HOUR_MS) / 1000),
      'X-RateLimit-Rule': rule.values['sys_id'] ?? '',
    };
    if (hourStart !== this.hour) {
      this.counts.clear();
      this.hour = hourStart;
    }
    const key = `${rule.values['sys_id']}|${actor.userId}`;
    const used = this.counts.get(key) ?? 0;
    if (used >= limit) {
      const retryAfter = Math.max(1, Math.ceil((hourStart + HOUR_MS - now) / 1000));
      throw new InstanceError(429, 'Rate limit exceeded', `Rate limit of ${limit} requests per hour for ${API_LABEL[resource.api]} exceeded`, {
        ...headers,
        'Retry-After': String(retryAfter),
      });
    }
    this.counts.set(key, used + 1);
    return headers;
  }

  reset(): void {
    this.counts.clear();
  }
}
