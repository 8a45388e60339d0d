import { markerField } from '../render/values.js';

/**
 * Hidden markers: `<!-- snac-plan instance=dev plan=… sha=… -->` as the very first line of the
 * comments and issues snac owns, so it finds them again instead of adding new ones. A marker
 * only counts at the start of a body written by the account snac posts as (see comments.ts):
 * anyone can quote one further down, and other accounts can write one anywhere.
 */
export type MarkerName = 'snac-plan' | 'snac-apply' | 'snac-drift';

export type Marker = Readonly<Record<string, string>>;

/** The fields of the marker that opens a body, or undefined when the body does not open with one. */
export function parseMarker(body: string, name: MarkerName): Marker | undefined {
  const match = new RegExp(`^<!-- ${name}((?: [^\\s=]+=[^\\s]*)*) -->(?:\\r?\\n|$)`).exec(body);
  if (!match) return undefined;
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of (match[1] ?? '').trim().split(' ').filter((p) => p !== '')) {
    const at = pair.indexOf('=');
    fields[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return fields;
}

/** A marker field value: no spaces, dashes or `>` (they would end the HTML comment). */
export const markerValue = markerField;

export function formatMarker(name: MarkerName, fields: Marker): string {
  return `<!-- ${name} ${Object.entries(fields).map(([k, v]) => `${k}=${markerValue(v)}`).join(' ')} -->`;
}
