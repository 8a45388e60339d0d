import type { LiveRecord } from '../kinds/live.js';

/** Why an account counts as dormant: its last login, or its creation when it never logged in. */
export interface Dormancy {
  /** YYYY-MM-DD: the last login, or the day the account was created. */
  readonly since: string;
  readonly neverLoggedIn: boolean;
  /** Whole days from `since` to today. */
  readonly days: number;
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** The date part of a glide date-time ('2026-05-01 08:30:00'), or '' when there is none. */
function dateOf(value: unknown): string {
  const text = typeof value === 'string' ? value.trim().slice(0, 10) : '';
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : '';
}

/**
 * Whether an active account is dormant on `today` (YYYY-MM-DD): its last login is more than
 * `afterDays` days ago, or it never logged in and was created more than `afterDays` days ago.
 * Pure: the date is given, never read from a clock.
 */
export function dormancy(account: LiveRecord, today: string, afterDays: number): Dormancy | undefined {
  if (account.fields['active'] !== true) return undefined;
  const lastLogin = dateOf(account.fields['last_login_time']);
  const since = lastLogin !== '' ? lastLogin : dateOf(account.fields['created_on']);
  if (since === '') return undefined;
  const days = dayNumber(today) - dayNumber(since);
  return days > afterDays ? { since, neverLoggedIn: lastLogin === '', days } : undefined;
}

/** "last logged in on 2026-05-01, 214 days ago" or "never logged in since it was created on …". */
export function describeDormancy(d: Dormancy): string {
  return d.neverLoggedIn ? `never logged in since it was created on ${d.since}, ${d.days} days ago` : `last logged in on ${d.since}, ${d.days} days ago`;
}
