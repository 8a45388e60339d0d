import {
  FAULT_KINDS,
  SECTION_DEFAULTS,
  type FaultKind,
  type FaultProfile,
  type LimitsProfile,
  type RateLimitRuleSpec,
} from './profile.js';

type NumberCheck = readonly [test: (n: number) => boolean, expected: string];

const nonNegative: NumberCheck = [(n) => n >= 0, 'a number >= 0'];
const positive: NumberCheck = [(n) => n > 0, 'a number > 0'];
const count: NumberCheck = [(n) => Number.isInteger(n) && n >= 1, 'an integer >= 1'];
const naturalOrZero: NumberCheck = [(n) => Number.isInteger(n) && n >= 0, 'an integer >= 0'];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

function fail(path: string, message: string): never {
  throw new Error(`limits profile: ${path} ${message}`);
}

function object(raw: unknown, path: string, allowed: readonly string[]): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(path, 'must be an object');
  const unknown = Object.keys(raw).filter((key) => !allowed.includes(key));
  if (unknown.length) fail(path, `has unknown keys: ${unknown.join(', ')} (known: ${allowed.join(', ')})`);
  return raw as Record<string, unknown>;
}

function number(raw: unknown, path: string, [test, expected]: NumberCheck): number {
  if (typeof raw !== 'number' || !Number.isFinite(raw) || !test(raw)) fail(path, `must be ${expected}`);
  return raw;
}

function oneOf<T extends string>(raw: unknown, path: string, values: readonly T[]): T {
  if (typeof raw !== 'string' || !values.includes(raw as T)) fail(path, `must be one of ${values.join(', ')}`);
  return raw as T;
}

/** A section of numbers: omitted fields take the section's defaults. */
function pattern(raw: unknown, path: string): string {
  if (typeof raw !== 'string' || raw === '') fail(path, 'must be a regular expression over "METHOD /path?query"');
  try {
    new RegExp(raw);
  } catch (error) {
    fail(path, `is not a regular expression: ${(error as Error).message}`);
  }
  return raw;
}

function numbers<T extends Record<string, number>>(raw: unknown, path: string, defaults: T, checks: Record<keyof T, NumberCheck>): T {
  const given = object(raw, path, Object.keys(defaults));
  const result: Record<string, number> = { ...defaults };
  for (const [key, value] of Object.entries(given)) result[key] = number(value, `${path}.${key}`, checks[key as keyof T]);
  return result as T;
}

function rule(raw: unknown, path: string): RateLimitRuleSpec {
  const given = object(raw, path, ['name', 'limit', 'applyTo', 'user', 'role', 'api', 'method', 'table']);
  if (typeof given['name'] !== 'string' || !given['name']) fail(`${path}.name`, 'must be a non-empty string');
  const applyTo = oneOf(given['applyTo'], `${path}.applyTo`, ['user', 'role', 'all'] as const);
  const named = (key: 'user' | 'role' | 'table') => {
    const value = given[key];
    if (value === undefined && key !== applyTo) return {};
    if (typeof value !== 'string' || !value) fail(`${path}.${key}`, 'must be a non-empty string');
    return { [key]: value };
  };
  return {
    name: given['name'],
    limit: number(given['limit'], `${path}.limit`, naturalOrZero),
    applyTo,
    ...named('user'),
    ...named('role'),
    ...named('table'),
    ...(given['api'] === undefined ? {} : { api: oneOf(given['api'], `${path}.api`, ['table', 'batch'] as const) }),
    ...(given['method'] === undefined ? {} : { method: oneOf(given['method'], `${path}.method`, METHODS) }),
  };
}

function faults(raw: unknown, path: string): FaultProfile {
  const defaults = SECTION_DEFAULTS.faults;
  const given = object(raw, path, Object.keys(defaults));
  const rates: Partial<Record<FaultKind, number>> = {};
  for (const [kind, rate] of Object.entries(object(given['rates'] ?? {}, `${path}.rates`, FAULT_KINDS))) {
    rates[kind as FaultKind] = number(rate, `${path}.rates.${kind}`, [(n) => n >= 0 && n <= 1, 'a probability in 0..1']);
  }
  if (Object.values(rates).reduce((sum, rate) => sum + rate, 0) > 1) fail(`${path}.rates`, 'must add up to at most 1');
  const schedule = given['schedule'] ?? [];
  if (!Array.isArray(schedule)) fail(`${path}.schedule`, 'must be a list');
  return {
    seed: number(given['seed'] ?? defaults.seed, `${path}.seed`, naturalOrZero),
    rates,
    schedule: schedule.map((entry: unknown, index) => {
      const at = `${path}.schedule[${index}]`;
      const item = object(entry, at, ['request', 'fault', 'match']);
      const scheduled = { request: number(item['request'], `${at}.request`, count), fault: oneOf(item['fault'], `${at}.fault`, FAULT_KINDS) };
      return item['match'] === undefined ? scheduled : { ...scheduled, match: pattern(item['match'], `${at}.match`) };
    }),
    retryAfterSeconds: number(given['retryAfterSeconds'] ?? defaults.retryAfterSeconds, `${path}.retryAfterSeconds`, naturalOrZero),
    timeoutMs: number(given['timeoutMs'] ?? defaults.timeoutMs, `${path}.timeoutMs`, positive),
  };
}

/**
 * Read a limits profile (the `--profile` file, `PUT /__snac/limits`): each present section is
 * completed with its defaults; unknown keys and bad values are refused with their path, so a typo
 * never silently turns a limit off.
 */
export function parseLimitsProfile(raw: unknown): LimitsProfile {
  const given = object(raw, 'profile', ['latency', 'semaphore', 'sessions', 'quotas', 'rateLimitRules', 'faults']);
  const d = SECTION_DEFAULTS;
  const rules = given['rateLimitRules'];
  if (rules !== undefined && !Array.isArray(rules)) fail('profile.rateLimitRules', 'must be a list');
  return {
    ...(given['latency'] === undefined
      ? {}
      : { latency: numbers(given['latency'], 'profile.latency', d.latency, { roundTripMs: nonNegative, transactionMs: nonNegative, rowReadMs: nonNegative, writeMs: nonNegative }) }),
    ...(given['semaphore'] === undefined ? {} : { semaphore: numbers(given['semaphore'], 'profile.semaphore', d.semaphore, { nodes: count, threads: count, queue: naturalOrZero }) }),
    ...(given['sessions'] === undefined ? {} : { sessions: numbers(given['sessions'], 'profile.sessions', d.sessions, { concurrent: count, maxWaiters: naturalOrZero }) }),
    ...(given['quotas'] === undefined ? {} : { quotas: numbers(given['quotas'], 'profile.quotas', d.quotas, { tableMs: positive, batchMs: positive }) }),
    ...(rules === undefined ? {} : { rateLimitRules: rules.map((entry: unknown, index) => rule(entry, `profile.rateLimitRules[${index}]`)) }),
    ...(given['faults'] === undefined ? {} : { faults: faults(given['faults'], 'profile.faults') }),
  };
}
