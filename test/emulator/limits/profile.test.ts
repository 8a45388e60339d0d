import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { limitsFromFlags } from '../../../src/emulator/limits/flags.js';
import { parseLimitsProfile } from '../../../src/emulator/limits/profile-parse.js';
import { main } from '../../../src/main.js';
import { body, startInstance, type TestInstance } from '../../support/emulator.js';
import { captureIo } from '../../support/io.js';
import { asAdmin } from '../../support/limits.js';

let sn: TestInstance | undefined;
let dir: string | undefined;
afterEach(async () => {
  await sn?.close();
  sn = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('limits profiles', () => {
  it('turns on the sections it names, completing each with the instance defaults', () => {
    expect(parseLimitsProfile({ semaphore: { nodes: 3 }, sessions: {}, quotas: {}, latency: { roundTripMs: 80 } })).toEqual({
      semaphore: { nodes: 3, threads: 4, queue: 50 },
      sessions: { concurrent: 1, maxWaiters: 10 },
      quotas: { tableMs: 60_000, batchMs: 30_000 },
      latency: { roundTripMs: 80, transactionMs: 5, rowReadMs: 0.1, writeMs: 50 },
    });
    expect(parseLimitsProfile({})).toEqual({});
  });

  it.each([
    [{ semaphor: {} }, 'profile has unknown keys: semaphor'],
    [{ semaphore: { nodes: 0 } }, 'profile.semaphore.nodes must be an integer >= 1'],
    [{ latency: { roundTripMs: -1 } }, 'profile.latency.roundTripMs must be a number >= 0'],
    [{ faults: { rates: { '503': 0.7, reset: 0.5 } } }, 'profile.faults.rates must add up to at most 1'],
    [{ faults: { rates: { '504': 0.1 } } }, 'profile.faults.rates has unknown keys: 504'],
    [{ faults: { schedule: [{ request: 1, fault: 'boom' }] } }, 'profile.faults.schedule[0].fault must be one of 429,'],
    [{ faults: { schedule: [{ request: 1, fault: '500', match: '(' }] } }, 'profile.faults.schedule[0].match is not a regular expression'],
    [{ faults: { schedule: [{ request: 1, fault: '500', match: '' }] } }, 'profile.faults.schedule[0].match must be a regular expression over "METHOD /path?query"'],
    [{ rateLimitRules: [{ name: 'r', limit: 5, applyTo: 'role' }] }, 'profile.rateLimitRules[0].role must be a non-empty string'],
  ])('refuses %j with its path', (raw, message) => {
    expect(() => parseLimitsProfile(raw)).toThrow(message);
  });

  it('lays the command-line flags over a --profile file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'snac-limits-'));
    const file = join(dir, 'slow.json');
    await writeFile(file, JSON.stringify({ latency: { writeMs: 200 }, faults: { seed: 9, rates: { '503': 0.1 } } }));
    const profile = await limitsFromFlags({
      profile: file,
      latency: '120',
      nodes: '2',
      sessions: true,
      'rate-limit': ['all:1000', 'role:itil:10', 'user:svc_snac:50'],
      fault: ['reset=0.02'],
      'fault-at': ['3=commit-then-timeout'],
    });
    expect(profile.latency).toEqual({ roundTripMs: 120, transactionMs: 5, rowReadMs: 0.1, writeMs: 200 });
    expect(profile.semaphore).toEqual({ nodes: 2, threads: 4, queue: 50 });
    expect(profile.sessions).toEqual({ concurrent: 1, maxWaiters: 10 });
    expect(profile.quotas).toBeUndefined();
    expect(profile.rateLimitRules).toEqual([
      { name: '--rate-limit all:1000', applyTo: 'all', limit: 1000 },
      { name: '--rate-limit role:itil:10', applyTo: 'role', role: 'itil', limit: 10 },
      { name: '--rate-limit user:svc_snac:50', applyTo: 'user', user: 'svc_snac', limit: 50 },
    ]);
    expect(profile.faults).toMatchObject({ seed: 9, rates: { '503': 0.1, reset: 0.02 }, schedule: [{ request: 3, fault: 'commit-then-timeout' }] });
    await expect(limitsFromFlags({ 'rate-limit': ['lots'] })).rejects.toThrow('--rate-limit "lots": use all:N, role:NAME:N or user:NAME:N');
    await expect(limitsFromFlags({ profile: join(dir, 'missing.json') })).rejects.toThrow(`--profile ${join(dir, 'missing.json')}`);
  });

  it('replaces the running profile through PUT /__snac/limits, refusing a bad one', async () => {
    sn = await startInstance({ seed: 'empty' });
    const put = (profile: unknown) => fetch(`${sn?.url}/__snac/limits`, { method: 'PUT', body: JSON.stringify(profile) });
    const applied = await put({ rateLimitRules: [{ name: 'one an hour', limit: 1, applyTo: 'user', user: 'admin' }] });
    expect(applied.status).toBe(200);
    expect((await asAdmin(sn.url, '/api/now/table/sys_user?sysparm_limit=1')).status).toBe(200);
    expect((await asAdmin(sn.url, '/api/now/table/sys_user?sysparm_limit=1')).status).toBe(429);
    const bad = await put({ rateLimitRules: [{ name: 'ghost', limit: 1, applyTo: 'user', user: 'nobody' }] });
    expect(bad.status).toBe(400);
    expect(await body(bad)).toEqual({ error: 'rate-limit rule "ghost": no sys_user with user_name "nobody" on this instance' });
    expect(await body(await fetch(`${sn.url}/__snac/limits`))).toMatchObject({ rateLimitRules: [{ name: 'one an hour' }] });
  });
});

describe('snac emulator with limits', () => {
  it('documents every limit flag in --help', async () => {
    const io = captureIo();
    expect(await main(['emulator', '--help'], io)).toBe(0);
    for (const flag of ['--profile', '--latency', '--nodes', '--sessions', '--quotas', '--rate-limit', '--fault-seed', '--fault ', '--fault-at', 'commit-then-timeout']) {
      expect(io.out()).toContain(flag);
    }
  });

  it('starts with the limits it was given and refuses a rule naming a user the seed lacks', async () => {
    const io = captureIo();
    const running = main(['emulator', '--port', '0', '--seed', 'empty', '--nodes', '2', '--rate-limit', 'user:svc_snac:1'], io);
    for (let i = 0; i < 400 && !io.out().includes('limits:'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(io.out()).toContain('limits: semaphore, rateLimitRules');
    const url = /listening on (\S+)/.exec(io.out())?.[1] ?? '';
    expect(await body(await fetch(`${url}/__snac/limits`))).toMatchObject({ semaphore: { nodes: 2 } });
    io.interrupt();
    expect(await running).toBe(0);

    const refused = captureIo();
    expect(await main(['emulator', '--port', '0', '--seed', 'empty', '--rate-limit', 'user:nobody:1'], refused)).toBe(1);
    expect(refused.err()).toContain('rate-limit rule "--rate-limit user:nobody:1": no sys_user with user_name "nobody"');
  });
});
