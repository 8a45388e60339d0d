import { randomUUID } from 'node:crypto';
import { describeError } from '../diagnostics.js';
import { GROUP } from '../kinds/group.js';
import { escapeValue } from '../kinds/query.js';
import type { Row } from '../kinds/table-reader.js';
import type { TableWriter } from '../kinds/table-writer.js';

/**
 * The advisory apply lock: mutual exclusion between snac applies on one instance, whoever
 * starts them (two CI workflows, a laptop). The Table API has no conditional write, so the lock
 * is built from what a least-privileged reconciler (user_admin) can do on any instance: create,
 * list and delete groups. Each apply creates a claim, an inactive group with no members or roles
 * named `snac apply lock <run>` whose description says who holds it, and then lists all claims:
 * it holds the lock only if no other live claim exists; otherwise it deletes its own and is
 * refused. Two applies can never both hold it (of two claims, the later one's listing always
 * sees the earlier); two that claim at the same moment may both be refused, and run again.
 *
 * A claim lives `ttlMs` after its last update, judged by the instance's own clock (the claim's
 * sys_updated_on against the sys_created_on of the new claim), so the machines' clocks do not
 * matter; the holder renews it while it runs. A claim the caller knows to be dead (`isGone`: its
 * process is gone, or it is an earlier attempt of the same CI run) is taken over at once.
 * Limits: only snac applies respect the lock; an apply that cannot renew its claim for
 * `ttlMs` (a network partition) loses it without knowing.
 */
export const LOCK_NAME = 'snac apply lock';

export interface LockClaim {
  /** Who is applying: `owner/repo workflow run 123` in GitHub Actions, else user@host. */
  readonly holder: string;
  readonly run: string;
  /** Where it runs, so a later apply can tell a dead holder (see LockOptions.isGone). */
  readonly origin: Readonly<Record<string, string | number>>;
}

export interface LockOptions {
  readonly holder: string;
  readonly origin: Readonly<Record<string, string | number>>;
  /** How long a claim holds without renewal. */
  readonly ttlMs: number;
  /** A claim whose holder is certainly gone (its process died; an earlier attempt of this CI run). */
  readonly isGone?: (claim: LockClaim) => boolean;
}

/** A live claim of another apply, with its expiry in the instance's time (ISO, UTC). */
export interface HeldBy extends LockClaim {
  readonly expires: string;
}

export interface HeldLock {
  /** Delete the claim and stop renewing it. A claim that cannot be deleted expires on its own. */
  release(): Promise<void>;
}

export type LockResult = { readonly kind: 'acquired'; readonly lock: HeldLock } | { readonly kind: 'held'; readonly by: HeldBy };

const FIELDS = ['name', 'description', 'sys_created_on', 'sys_updated_on'];
const CREATE_ATTEMPTS = 4;
/**
 * Deletes of the claim tried at the end of an apply. A claim left behind blocks every other
 * apply until it expires: under npm run test:faults' resets and 503s, three tries left one
 * claim in 200 applies.
 */
const REMOVE_ATTEMPTS = 5;
const claimQuery = `nameSTARTSWITH${escapeValue(`${LOCK_NAME} `)}`;

/** ServiceNow's 'YYYY-MM-DD HH:MM:SS' (UTC) as epoch milliseconds. */
const instanceTime = (value: string | undefined): number => Date.parse(`${(value ?? '').replace(' ', 'T')}Z`);

function claimOf(row: Row): LockClaim | undefined {
  try {
    const data = JSON.parse(row['description'] ?? '') as Partial<LockClaim>;
    if (typeof data.holder === 'string' && typeof data.run === 'string' && typeof data.origin === 'object' && data.origin !== null) return { holder: data.holder, run: data.run, origin: data.origin };
  } catch {
    return undefined;
  }
  return undefined;
}

/** Take the lock, or say who holds it. Expired and dead claims found on the way are deleted. */
export async function acquireApplyLock(api: TableWriter, options: LockOptions): Promise<LockResult> {
  const run = randomUUID();
  const name = `${LOCK_NAME} ${run}`;
  const description = JSON.stringify({ holder: options.holder, run, origin: options.origin } satisfies LockClaim);
  // A create whose answer was lost is read back (the listing) and sent again only when absent.
  let rows: Row[] = [];
  let mine: Row | undefined;
  let lost = '';
  for (let attempt = 0; attempt < CREATE_ATTEMPTS && mine === undefined; attempt += 1) {
    const created = await api.create(GROUP.table, { name, description, active: 'false' });
    if (created.outcome === 'unknown') lost = ` (${describeError(created.error)})`;
    rows = await api.list(GROUP.table, { query: claimQuery, fields: FIELDS });
    mine = rows.find((row) => row['name'] === name);
  }
  if (mine === undefined) throw new Error(`the apply lock could not be taken: ${name} is not on the instance after creating it ${CREATE_ATTEMPTS} times${lost}`);
  const now = instanceTime(mine['sys_created_on']);

  let held: HeldBy | undefined;
  for (const row of rows) {
    if (row === mine) continue;
    const claim = claimOf(row);
    const expires = instanceTime(row['sys_updated_on']) + options.ttlMs;
    if (claim !== undefined && expires > now && options.isGone?.(claim) !== true) held ??= { ...claim, expires: new Date(expires).toISOString() };
    else await api.remove(GROUP.table, row['sys_id'] ?? '').catch(() => undefined);
  }
  if (held !== undefined) {
    await api.remove(GROUP.table, mine['sys_id'] ?? '');
    return { kind: 'held', by: held };
  }

  const sysId = mine['sys_id'] ?? '';
  // An update moves sys_updated_on, which keeps the claim alive; it must change a value, or
  // the instance writes nothing.
  let renewals = 0;
  const renew = () => api.update(GROUP.table, sysId, { description: JSON.stringify({ holder: options.holder, run, origin: options.origin, renewals: (renewals += 1) }) });
  const renewal = setInterval(() => void renew().catch(() => undefined), Math.max(1_000, options.ttlMs / 3));
  renewal.unref();
  return {
    kind: 'acquired',
    lock: {
      async release() {
        clearInterval(renewal);
        await removeClaim(api, sysId, name).catch(() => undefined);
      },
    },
  };
}

/** Delete a claim, reading back a delete whose answer was lost (a left claim blocks others until it expires). */
async function removeClaim(api: TableWriter, sysId: string, name: string): Promise<void> {
  for (let attempt = 0; attempt < REMOVE_ATTEMPTS; attempt += 1) {
    const removed = await api.remove(GROUP.table, sysId);
    if (removed.outcome === 'ok') return;
    const left = await api.list(GROUP.table, { query: `name=${escapeValue(name)}`, fields: ['sys_id'] });
    if (left.length === 0) return;
  }
}

/** Delete every claim, live or not: for a lock whose holder is gone. Returns the claims removed. */
export async function forceUnlock(api: TableWriter): Promise<LockClaim[]> {
  const rows = await api.list(GROUP.table, { query: claimQuery, fields: FIELDS });
  for (const row of rows) await api.remove(GROUP.table, row['sys_id'] ?? '');
  return rows.map(claimOf).filter((c): c is LockClaim => c !== undefined);
}
