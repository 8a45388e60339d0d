import type { SnacConfig } from '../../src/model/config.js';
import type { DesiredServiceAccount, DesiredState } from '../../src/kinds/desired.js';
import type { LiveState } from '../../src/kinds/live.js';
import type { Scalar } from '../../src/model/scalar.js';
import type { Finding } from '../../src/plan/change.js';
import { policyFindings } from '../../src/policy/policy.js';
import { POLICY_RULES } from '../../src/policy/registry.js';
import { account, at, desiredState, liveRecord, liveState, type DesiredParts, type LiveParts } from '../support/states.js';
import { computeChanges } from '../../src/plan/compute.js';

export const TODAY = '2026-11-27';

/** A declared value at a known line of the account's file. */
export const declared = <T>(value: T, key: string, line: number) => ({ value, at: at(`accounts/${key}.yaml`, line) });

export interface Declaration {
  readonly fields?: Record<string, Scalar>;
  readonly groups?: string[];
  readonly roles?: string[];
  readonly purpose?: string | undefined;
  readonly expires?: string;
  readonly interactiveReason?: string;
  readonly privilegedReason?: string;
}

/** A declaration that passes every rule unless the test says otherwise: owned by an active person, with a purpose, roles through a group. */
export function serviceAccount(key: string, d: Declaration = {}): DesiredServiceAccount {
  const base = account(key, { manager: 'alice.nguyen', web_service_access_only: true, ...d.fields }, { groups: d.groups ?? ['integrations'], ...(d.roles ? { roles: d.roles } : {}) });
  const purpose = 'purpose' in d ? d.purpose : 'Syncs tickets with the vendor.';
  return {
    ...base,
    ...(d.roles ? { roles: d.roles.map((r, i) => declared(r, key, 20 + i)) } : {}),
    ...(purpose === undefined ? {} : { purpose: declared(purpose, key, 5) }),
    ...(d.expires === undefined ? {} : { expires: declared(d.expires, key, 9) }),
    ...(d.interactiveReason === undefined ? {} : { interactiveReason: declared(d.interactiveReason, key, 11) }),
    ...(d.privilegedReason === undefined ? {} : { privilegedReason: declared(d.privilegedReason, key, 13) }),
  };
}

/** Owners as the instance knows them. */
export const PEOPLE = [
  liveRecord('sys_user', 'alice.nguyen', { name: 'Alice Nguyen', active: true, locked_out: false, web_service_access_only: false }),
  liveRecord('sys_user', 'dave.miller', { name: 'Dave Miller', active: false, locked_out: false, web_service_access_only: false }),
  liveRecord('sys_user', 'svc_robot', { name: 'Robot', active: true, locked_out: false, web_service_access_only: true }),
];

export function instance(parts: LiveParts = {}): LiveState {
  return liveState({ people: PEOPLE, ...parts });
}

export function project(accounts: DesiredServiceAccount[], parts: Omit<DesiredParts, 'accounts'> = {}): DesiredState {
  return desiredState({ ...parts, accounts });
}

/** The findings of one rule only. */
export function findingsOf(ruleId: string, desired: DesiredState, live: LiveState, today = TODAY): Finding[] {
  const rule = POLICY_RULES.find((r) => r.id === ruleId);
  if (rule === undefined) throw new Error(`no policy rule ${ruleId}`);
  return policyFindings(desired, computeChanges(desired, live), { today }, [rule]);
}

/** "account@file:line" for each finding: what a table row expects. */
export function where(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.record?.key ?? ''}@${f.at ? `${f.at.file}:${f.at.line}` : '-'}`);
}
