import type { IncomingMessage } from 'node:http';
import { SYSTEM } from '../actor.js';
import type { Emulator, EmulatorSnapshot } from '../emulator.js';
import { parseLimitsProfile } from '../limits/profile-parse.js';
import { insertRuleRows } from '../limits/rule-rows.js';
import { parseSeedName } from '../seeds/index.js';
import { DEFAULT_SETTINGS, type InstanceSettings } from '../settings.js';
import { parseJsonBody, readBody } from './body.js';
import { json, type Reply } from './respond.js';

const cpuMs = (usage: NodeJS.CpuUsage) => Math.round((usage.user + usage.system) / 1000);

/**
 * Test-only control endpoints under /__snac/ (a prefix no ServiceNow API uses). They are NOT part
 * of ServiceNow: tests and benchmarks use them to reset state, load seeds, read statistics and
 * move the clock. They need no credentials; the emulator only listens on loopback.
 */
export const CONTROL_PREFIX = '/__snac/';

export async function handleControl(emulator: Emulator, request: IncomingMessage, path: string): Promise<Reply> {
  const action = `${request.method ?? 'GET'} ${path.slice(CONTROL_PREFIX.length)}`;
  if (action.startsWith(`PATCH ${USERS_PREFIX}`)) return stampUser(emulator, decodeURIComponent(action.slice(`PATCH ${USERS_PREFIX}`.length)), await readBody(request));
  switch (action) {
    case 'GET health':
      return json(200, { status: 'ok' });
    case 'GET stats':
      // processCpuMs: CPU time of the process the emulator runs in (the bench runs it alone in one).
      return json(200, { ...emulator.stats.toJSON(), sessions: emulator.sessions.size, inFlight: emulator.limits.gauges(), processCpuMs: cpuMs(process.cpuUsage()) });
    case 'POST stats/reset':
      emulator.stats.reset();
      return json(200, { status: 'ok' });
    case 'POST reset':
    case 'POST seed': {
      const body = parseJsonBody(await readBody(request)) as { seed?: unknown };
      const seed = parseSeedName(typeof body.seed === 'string' ? body.seed : 'empty');
      emulator.seed(seed);
      return json(200, { status: 'ok', seed });
    }
    case 'GET state':
      return json(200, emulator.snapshot());
    case 'PUT state':
      emulator.restore(parseJsonBody(await readBody(request)) as EmulatorSnapshot);
      return json(200, { status: 'ok' });
    case 'POST clock': {
      const body = parseJsonBody(await readBody(request)) as { advanceSeconds?: unknown };
      const seconds = Number(body.advanceSeconds ?? 0);
      if (!Number.isFinite(seconds) || seconds < 0) return json(400, { error: 'advanceSeconds must be a non-negative number' });
      emulator.instance.clock.advance(seconds * 1000);
      return json(200, { now: emulator.instance.clock.glideDateTime() });
    }
    case 'PATCH settings': {
      const body = parseJsonBody(await readBody(request)) as Partial<InstanceSettings>;
      const unknown = Object.keys(body).filter((key) => !(key in DEFAULT_SETTINGS));
      if (unknown.length) return json(400, { error: `unknown settings: ${unknown.join(', ')}` });
      emulator.instance.settings = { ...emulator.instance.settings, ...body };
      return json(200, emulator.instance.settings);
    }
    case 'PUT acl/field': {
      const body = parseJsonBody(await readBody(request)) as { table?: unknown; field?: unknown; roles?: unknown };
      const { table, field, roles } = body;
      const table_ = typeof table === 'string' ? emulator.instance.store.tableOrUndefined(table) : undefined;
      if (!table_ || typeof field !== 'string' || !table_.fields.has(field) || !Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
        return json(400, { error: 'give {"table": a table, "field": one of its fields, "roles": [role names]} (an empty list lifts the rule)' });
      }
      emulator.acl.restrictField(table_.def.name, field, roles as string[]);
      return json(200, Object.fromEntries(emulator.acl.fields));
    }
    case 'GET limits':
      return json(200, emulator.limits.profile);
    case 'PUT limits': {
      let profile;
      try {
        profile = parseLimitsProfile(parseJsonBody(await readBody(request)));
        insertRuleRows(emulator.instance, profile.rateLimitRules ?? []);
      } catch (error) {
        return json(400, { error: (error as Error).message });
      }
      emulator.limits = emulator.limits.withProfile(profile);
      return json(200, profile);
    }
    default:
      return json(404, { error: `no control endpoint ${action}; see README "Emulator control endpoints"` });
  }
}

const USERS_PREFIX = 'users/';

/** Fields only the platform sets, which tests need to set: when a user last logged in, when it was made. */
const PLATFORM_STAMPS = ['last_login_time', 'sys_created_on'] as const;
const GLIDE_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/**
 * PATCH /__snac/users/<user_name> {last_login_time?, sys_created_on?}: plant a dormant or a
 * long-unused account. Values are glide date-times ('2026-01-31 08:00:00'); '' or null clears
 * last_login_time (never logged in). No business rule runs and no sys_* field moves.
 */
function stampUser(emulator: Emulator, userName: string, text: string): Reply {
  const user = emulator.instance.findBy('sys_user', 'user_name', userName);
  if (!user) return json(404, { error: `no user ${userName}` });
  const body = parseJsonBody(text) as Record<string, unknown>;
  const unknown = Object.keys(body).filter((key) => !(PLATFORM_STAMPS as readonly string[]).includes(key));
  if (unknown.length) return json(400, { error: `only ${PLATFORM_STAMPS.join(' and ')} can be stamped, not ${unknown.join(', ')}` });
  const values: Record<string, string> = {};
  for (const field of PLATFORM_STAMPS) {
    const value = body[field];
    if (value === undefined) continue;
    const stamp = value === null ? '' : String(value);
    if (stamp !== '' && !GLIDE_DATE_TIME.test(stamp)) return json(400, { error: `${field} must be a date-time written YYYY-MM-DD HH:MM:SS` });
    if (stamp === '' && field === 'sys_created_on') return json(400, { error: 'sys_created_on cannot be cleared' });
    values[field] = stamp;
  }
  const row = emulator.instance.update('sys_user', user.values['sys_id'] ?? '', values, SYSTEM, { autoSysFields: false });
  return json(200, Object.fromEntries(['user_name', ...PLATFORM_STAMPS].map((f) => [f, row.values[f] ?? ''])));
}
