/**
 * Hidden markers: `<!-- snac-plan instance=dev plan=… run=… -->` as the first line of the
 * comments and issues snac owns, so it finds them again instead of adding new ones.
 */
export type MarkerName = 'snac-plan' | 'snac-apply' | 'snac-drift';

export type Marker = Readonly<Record<string, string>>;

/** The fields of the first marker of that name in a body, or undefined when there is none. */
export function parseMarker(body: string, name: MarkerName): Marker | undefined {
  const match = new RegExp(`<!-- ${name}((?: [^\\s=]+=[^\\s]*)*) -->`).exec(body);
  if (!match) return undefined;
  const fields: Record<string, string> = {};
  for (const pair of (match[1] ?? '').trim().split(' ').filter((p) => p !== '')) {
    const at = pair.indexOf('=');
    fields[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return fields;
}

/** A marker field value: no spaces, dashes or `>` (they would end the HTML comment). */
export function markerValue(value: string): string {
  return value.replace(/[\s>-]/g, '_');
}

export function formatMarker(name: MarkerName, fields: Marker): string {
  return `<!-- ${name} ${Object.entries(fields).map(([k, v]) => `${k}=${markerValue(v)}`).join(' ')} -->`;
}
