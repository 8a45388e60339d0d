import { readFile } from 'node:fs/promises';
import { parseLimitsProfile } from './profile-parse.js';
import type { LimitsProfile } from './profile.js';

/** The `snac emulator` options that turn limits on, as parseArgs hands them over. */
export interface LimitFlags {
  readonly profile?: string | undefined;
  readonly latency?: string | undefined;
  readonly nodes?: string | undefined;
  readonly sessions?: boolean | undefined;
  readonly quotas?: boolean | undefined;
  readonly 'rate-limit'?: readonly string[] | undefined;
  readonly 'fault-seed'?: string | undefined;
  readonly fault?: readonly string[] | undefined;
  readonly 'fault-at'?: readonly string[] | undefined;
}

type Raw = Record<string, unknown>;

const section = (raw: Raw, key: string): Raw => (typeof raw[key] === 'object' && raw[key] !== null ? { ...(raw[key] as Raw) } : {});

/** `all:N`, `role:NAME:N` or `user:NAME:N` requests per hour. */
function ruleFlag(text: string): Raw {
  const match = /^(?:(all)|(role|user):([^:]+)):(\d+)$/.exec(text);
  if (!match) throw new Error(`--rate-limit "${text}": use all:N, role:NAME:N or user:NAME:N (N requests per hour)`);
  const applyTo = match[1] ?? match[2] ?? 'all';
  return { name: `--rate-limit ${text}`, applyTo, limit: Number(match[4]), ...(match[3] ? { [applyTo]: match[3] } : {}) };
}

function pair(text: string, flag: string, form: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new Error(`${flag} "${text}": use ${form}`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** Put the flags over the profile's raw JSON; each flag turns its section on. */
function overlay(raw: Raw, flags: LimitFlags): Raw {
  const result = { ...raw };
  if (flags.latency !== undefined) result['latency'] = { ...section(raw, 'latency'), roundTripMs: Number(flags.latency) };
  if (flags.nodes !== undefined) result['semaphore'] = { ...section(raw, 'semaphore'), nodes: Number(flags.nodes) };
  if (flags.sessions) result['sessions'] = section(raw, 'sessions');
  if (flags.quotas) result['quotas'] = section(raw, 'quotas');
  if (flags['rate-limit']?.length) {
    const rules = Array.isArray(raw['rateLimitRules']) ? (raw['rateLimitRules'] as unknown[]) : [];
    result['rateLimitRules'] = [...rules, ...flags['rate-limit'].map(ruleFlag)];
  }
  if (flags['fault-seed'] !== undefined || flags.fault?.length || flags['fault-at']?.length) {
    const faults = section(raw, 'faults');
    if (flags['fault-seed'] !== undefined) faults['seed'] = Number(flags['fault-seed']);
    const rates = section(faults, 'rates');
    for (const text of flags.fault ?? []) {
      const [kind, rate] = pair(text, '--fault', 'KIND=PROBABILITY, e.g. 503=0.05');
      rates[kind] = Number(rate);
    }
    const schedule = Array.isArray(faults['schedule']) ? [...(faults['schedule'] as unknown[])] : [];
    for (const text of flags['fault-at'] ?? []) {
      const [request, fault] = pair(text, '--fault-at', 'N=KIND, e.g. 3=commit-then-timeout');
      schedule.push({ request: Number(request), fault });
    }
    result['faults'] = { ...faults, rates, schedule };
  }
  return result;
}

/**
 * The limits profile of `snac emulator`: the `--profile` JSON file, if any, with the flags laid
 * over it, validated as one. Throws with the offending file, flag or profile path.
 */
export async function limitsFromFlags(flags: LimitFlags): Promise<LimitsProfile> {
  let raw: Raw = {};
  if (flags.profile) {
    let text: string;
    try {
      text = await readFile(flags.profile, 'utf8');
    } catch (error) {
      throw new Error(`--profile ${flags.profile}: ${(error as Error).message}`);
    }
    try {
      raw = JSON.parse(text) as Raw;
    } catch (error) {
      throw new Error(`--profile ${flags.profile}: not valid JSON (${(error as Error).message})`);
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return parseLimitsProfile(raw);
  return parseLimitsProfile(overlay(raw, flags));
}
