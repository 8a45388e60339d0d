import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChanges } from '../../src/apply/apply.js';
import { Journal } from '../../src/apply/journal.js';
import { readLive, selectionFor } from '../../src/kinds/read-live.js';
import { PLATFORM_MANAGED_ROLES } from '../../src/model/config.js';
import { plan } from '../../src/planner/plan.js';
import { basicClient } from '../support/client.js';
import { mechanicsOnly } from '../support/plan-context.js';
import { addUser, startInstance, type TestInstance } from '../support/emulator.js';
import { account, desiredState } from '../support/states.js';

/**
 * Platform-managed roles, over real HTTP: since Xanadu the instance grants snc_internal as a
 * direct row at every login. snac never revokes such a role unless the declaration names it.
 */
let sn: TestInstance;
beforeEach(async () => {
  sn = await startInstance({ seed: 'empty' });
});
afterEach(() => sn.close());

async function planAndApply(desired: ReturnType<typeof desiredState>) {
  const api = basicClient(sn.url, 'admin', 'admin');
  const live = await readLive(api, selectionFor(desired), { instance: 'test' });
  const planned = plan(desired, live, mechanicsOnly({ reconciler: 'svc_snac' }));
  const journal = new Journal(join(mkdtempSync(join(tmpdir(), 'snac-platform-')), 'journal.jsonl'));
  await applyChanges(api, planned.changes, live, { planHash: planned.planHash, journal });
  return planned;
}

const replan = async (desired: ReturnType<typeof desiredState>) =>
  plan(desired, await readLive(basicClient(sn.url, 'admin', 'admin'), selectionFor(desired), { instance: 'test' }), mechanicsOnly({ reconciler: 'svc_snac' }));

describe('a role the platform grants at login', () => {
  it('plans no change once a managed account has signed in and received snc_internal', async () => {
    const desired = desiredState({ accounts: [account('svc_rest', { first_name: 'Rest', last_name: 'Client' }, { roles: ['rest_api_explorer'] })] });
    await planAndApply(desired);
    sn.emulator.instance.update('sys_user', sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_rest')?.values['sys_id'] ?? '', {
      user_password: sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_snac')?.values['user_password'] ?? '',
    });
    expect((await sn.as('svc_rest', 'snac').get('/api/now/table/sys_user?sysparm_limit=1')).status).toBe(200);
    const rows = sn.emulator.instance.store.lookup('sys_user_has_role', 'user', sn.emulator.instance.findBy('sys_user', 'user_name', 'svc_rest')?.values['sys_id'] ?? '');
    expect(rows.map((r) => sn.emulator.instance.get('sys_user_role', r.values['role'] ?? '')?.values['name']).sort()).toEqual(['rest_api_explorer', 'snc_internal']);
    expect((await replan(desired)).changes).toEqual([]);
  });

  it('leaves the roles snac.yaml lists alone too, and revokes any other undeclared grant', async () => {
    addUser(sn.emulator, 'svc_portal', 'pw', { roles: ['snc_external', 'report_user', 'itil'], web_service_access_only: true });
    const desired = desiredState({
      config: { platformRoles: [...PLATFORM_MANAGED_ROLES, 'report_user'] },
      accounts: [account('svc_portal', { first_name: 'svc_portal', last_name: 'Test' }, { roles: [] })],
    });
    const planned = await replan(desired);
    expect(planned.changes.map((c) => `${c.action} ${c.key}`)).toEqual(['revoke svc_portal → itil']);
  });
});
