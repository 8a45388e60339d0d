import { HIGH_SECURITY_SETTINGS } from '../model/high-security-settings.js';
import { grantsRole, isGroupRole, isMembership, memberCount } from '../kinds/access-model.js';
import type { LiveState } from '../kinds/live.js';
import type { AccessChange, Change, Risk } from './change.js';
import { cutOff } from './cut-off.js';

export interface RiskContext {
  readonly live: LiveState;
  readonly access: readonly AccessChange[];
  readonly isPrivileged: (role: string) => boolean;
  /** The reason an account's declaration gives for holding privileged roles (`privileged: {reason}`). */
  readonly privilegedReason?: (account: string) => string | undefined;
}

/** Mark each change high-risk, with one typed reason each, when a reviewer must look twice. */
export function assessRisk(change: Change, context: RiskContext): Change {
  const risks = reasons(change, context);
  return risks.length === 0 ? change : { ...change, risk: 'high', risks };
}

function reasons(change: Change, { live, access, isPrivileged, privilegedReason }: RiskContext): Risk[] {
  // Removing a copy of a link changes nobody's access.
  if (change.origin === 'duplicate') return [];
  const risks: Risk[] = [];
  const to = change.link?.to ?? '';
  if (change.action === 'grant' && grantsRole(change.kind) && isPrivileged(to)) {
    // Only an account's own grant has one: groups and roles declare no privileged reason.
    const reason = privilegedReason?.(change.link?.from ?? '');
    risks.push({ code: 'privileged-grant', summary: `grants the privileged role ${to}`, roles: [to], ...(reason === undefined ? {} : { justification: reason }) });
  }
  if (isGroupRole(change.kind)) {
    const members = memberCount(live, change.link?.from ?? '');
    const group = change.label?.split(' → ')[0] ?? change.link?.from;
    if (members > 0) risks.push({ code: 'group-members', summary: `changes the roles of ${members} member${members === 1 ? '' : 's'} of ${group}` });
  }
  if (isMembership(change.kind) && change.action === 'grant') {
    const gained = access.find((a) => a.account === change.link?.from)?.privilegedGained ?? [];
    const reason = privilegedReason?.(change.link?.from ?? '');
    if (gained.length > 0) risks.push({ code: 'privileged-membership', summary: `gives ${change.link?.from} privileged roles through ${to}: ${gained.join(', ')}`, roles: gained, ...(reason === undefined ? {} : { justification: reason }) });
  }
  // Declaring active: false or locked_out: true cuts an account off as surely as a prune does.
  const cut = cutOff(change);
  if (cut === 'deactivate') risks.push({ code: 'deactivates', summary: `deactivates ${change.key}: it can no longer log in, and nothing can run as it` });
  if (cut === 'lock-out') risks.push({ code: 'locks-out', summary: `locks out ${change.key}: it can no longer log in, and nothing can run as it` });
  if (change.action === 'delete') risks.push({ code: 'deletes', summary: `deletes ${change.key} and its role rows; this cannot be undone by snac` });
  if (change.kind === 'ServiceAccount' && change.fields.some((f) => f.field === 'web_service_access_only' && f.after === false)) {
    risks.push({ code: 'interactive', summary: `makes ${change.key} interactive (it can log in to the UI)` });
  }
  if (change.kind === 'SecuritySettings') {
    // Every security property needs the team, whether or not it is one of the named settings.
    const setting = HIGH_SECURITY_SETTINGS.find((s) => s.property === change.key);
    const summary = setting ? `changes the High Security Setting ${setting.friendlyName}` : `changes the security property ${change.key}`;
    risks.push({ code: 'security-setting', summary });
  }
  return risks;
}
