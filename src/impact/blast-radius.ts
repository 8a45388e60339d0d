import { isAccountLink } from '../kinds/access-model.js';
import type { AccessChange, Change } from '../plan/change.js';
import { cutOff } from '../plan/cut-off.js';
import { clientsActingAs, type Dependents, jobsRunningAs, profilesLoggingInAs } from './dependents.js';

export interface ImpactContext {
  readonly dependents: Dependents;
  /** The plan's effective access changes: which roles each account loses. */
  readonly access: readonly AccessChange[];
}

/** How many names a risk line lists before "and N more". */
const MAX_NAMES = 5;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function names(items: readonly { name: string }[]): string {
  const shown = items.slice(0, MAX_NAMES).map((i) => i.name);
  return items.length > MAX_NAMES ? `${shown.join(', ')} and ${items.length - MAX_NAMES} more` : shown.join(', ');
}

/** What the change does to an account's ability to run things, as a verb phrase, per account. */
function cuts(change: Change, access: readonly AccessChange[]): { account: string; verb: string; stops: boolean }[] {
  if (change.kind === 'ServiceAccount') {
    const how = cutOff(change);
    const verb = how === 'delete' ? `deleting ${change.key}` : how === 'deactivate' ? `deactivating ${change.key}` : how === 'lock-out' ? `locking ${change.key} out` : undefined;
    return verb === undefined ? [] : [{ account: change.key, verb, stops: true }];
  }
  if (change.action !== 'revoke' || change.link === undefined) return [];
  const { from, to } = change.link;
  const own = isAccountLink(change.kind);
  return access
    .filter((a) => (own ? a.account === from : a.lost.includes(to)) && a.lost.length > 0)
    .map((a) => {
      const lost = own ? a.lost : [to];
      return { account: a.account, verb: `removing ${lost.join(', ')} from ${a.account}${own ? '' : ` (through ${change.key})`}`, stops: false };
    });
}

/**
 * The blast radius of a change: for each account it deactivates, deletes, locks out or takes
 * roles from, the active scheduled jobs that run as it, the Basic auth profiles that log in as
 * it and the OAuth clients whose tokens act as it, one line per account ("deactivating svc_cmdb_import stops 2 scheduled jobs: ...").
 */
export function blastRadius(change: Change, context: ImpactContext): string[] {
  const lines: string[] = [];
  for (const { account, verb, stops } of cuts(change, context.access)) {
    const jobs = jobsRunningAs(context.dependents, account);
    const profiles = profilesLoggingInAs(context.dependents, account);
    const parts: string[] = [];
    if (jobs.length > 0) {
      parts.push(stops
        ? `stops ${plural(jobs.length, 'scheduled job', 'scheduled jobs')} running as it: ${names(jobs)}`
        : `changes what ${plural(jobs.length, 'scheduled job', 'scheduled jobs')} running as it can do: ${names(jobs)}`);
    }
    if (profiles.length > 0) {
      const logs = profiles.length === 1 ? 'logs' : 'log';
      parts.push(stops
        ? `breaks ${plural(profiles.length, 'Basic auth profile', 'Basic auth profiles')} that ${logs} in as it: ${names(profiles)}`
        : `narrows ${plural(profiles.length, 'Basic auth profile', 'Basic auth profiles')} that ${logs} in as it: ${names(profiles)}`);
    }
    const clients = clientsActingAs(context.dependents, account);
    if (clients.length > 0) {
      parts.push(stops
        ? `stops ${plural(clients.length, 'OAuth client', 'OAuth clients')} whose tokens act as it: ${names(clients)}`
        : `narrows ${plural(clients.length, 'OAuth client', 'OAuth clients')} whose tokens act as it: ${names(clients)}`);
    }
    if (parts.length > 0) lines.push(`${verb} ${parts.join('; and ')}`);
  }
  return lines;
}

/** The change with its blast radius added to its risks; any dependent makes it high-risk. */
export function withBlastRadius(change: Change, context: ImpactContext): Change {
  const lines = blastRadius(change, context);
  return lines.length === 0 ? change : { ...change, risk: 'high', risks: [...change.risks, ...lines.map((summary) => ({ code: 'breaks-dependents' as const, summary }))] };
}
