import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Emulator } from '../../src/emulator/emulator.js';

/** snac's own least-privileged account on the emulator (user_admin plus its custom role). */
export const RECONCILER_ENV = { SNAC_USER: 'svc_snac', SNAC_PASSWORD: 'snac' };

/**
 * A project whose first apply writes every kind of record: a custom role containing another, a
 * group granted roles, and `accounts` service accounts, each in the group with a direct role.
 */
export function writeApplyProject(root: string, url: string, options: { readonly prefix: string; readonly accounts: number }): void {
  const { prefix, accounts } = options;
  writeFileSync(join(root, 'snac.yaml'), `instances:\n  - name: dev\n    url: ${url}\n    auth: { type: basic, username_env: SNAC_USER, password_env: SNAC_PASSWORD }\n    reconciler: svc_snac\nscope:\n  user_name_prefixes: [svc_${prefix}_]\n`);
  mkdirSync(join(root, 'accounts'), { recursive: true });
  const title = prefix[0]?.toUpperCase() + prefix.slice(1);
  writeFileSync(join(root, 'accounts', 'group.yaml'), `kind: Group\nname: ${title} Group\ndescription: Granted to every account\nroles: [itil, u_${prefix}_reader]\n`);
  writeFileSync(join(root, 'accounts', 'role.yaml'), `kind: Role\nname: u_${prefix}_reader\ndescription: Reads\ncontains: [rest_api_explorer]\n`);
  for (let i = 0; i < accounts; i += 1) {
    writeFileSync(
      join(root, 'accounts', `svc_${prefix}_${i}.yaml`),
      `kind: ServiceAccount\nuser_name: svc_${prefix}_${i}\nfirst_name: ${title}${i}\nlast_name: Account\nowner: admin\npurpose: Test account ${i}.\ngroups: [${title} Group]\nroles: [snc_platform_rest_api_access]\n`,
    );
  }
}

/** Records that exist more than once by natural key: what a repeated or concurrent create leaves. */
export function duplicateRows(emulator: Emulator): string[] {
  const seen = new Map<string, number>();
  const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);
  const store = emulator.instance.store;
  for (const r of store.scan('sys_user')) count(`user:${r.values['user_name']}`);
  for (const r of store.scan('sys_user_group')) count(`group:${r.values['name']}`);
  for (const r of store.scan('sys_user_role')) count(`role:${r.values['name']}`);
  for (const r of store.scan('sys_user_grmember')) count(`member:${r.values['user']}:${r.values['group']}`);
  for (const r of store.scan('sys_group_has_role')) count(`group_role:${r.values['group']}:${r.values['role']}`);
  for (const r of store.scan('sys_user_role_contains')) count(`contains:${r.values['role']}:${r.values['contains']}`);
  for (const r of store.scan('sys_user_has_role')) if (r.values['inherited'] === 'false') count(`has_role:${r.values['user']}:${r.values['role']}`);
  return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
}
