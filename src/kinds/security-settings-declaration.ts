import type { DesiredProperty } from './desired.js';
import { HIGH_SECURITY_BY_FRIENDLY_NAME } from '../model/high-security-settings.js';
import { naturalKey } from '../model/keys.js';
import { childPointer } from '../model/pointer.js';
import { DeclarationReader, type DeclarationSource } from './declaration.js';
import type { Outline } from './outline.js';

/** A system property's value under `properties:`, as written. */
type PropertyValue = string | number | boolean;

/**
 * A SecuritySettings document as schemas/security-settings.schema.json describes it: beside
 * `kind` and `properties`, the High Security Settings by friendly name, each a switch or one of
 * its words (the catalogue in src/model/high-security-settings.ts lists them; a test checks the
 * schema lists exactly those, with their types).
 */
export interface SecuritySettingsDocument {
  readonly kind: 'SecuritySettings';
  readonly properties?: Readonly<Record<string, PropertyValue>>;
  readonly [friendlyName: string]: boolean | string | Readonly<Record<string, PropertyValue>> | undefined;
}

export const SECURITY_SETTINGS_OUTLINE: Outline<SecuritySettingsDocument> = {
  properties: {
    kind: { enum: ['SecuritySettings'] },
    properties: { optional: { additionalProperties: { type: ['string', 'number', 'boolean'] } } },
  },
  others: 'the High Security Settings of the catalogue, by friendly name',
};

/** ServiceNow stores every property value as text: true → 'true', 30 → '30'. */
function storedValue(value: unknown): string {
  return String(value);
}

/** The High Security Settings by friendly name, then the raw `properties:` map. */
export function buildProperties(source: DeclarationSource<SecuritySettingsDocument>): DesiredProperty[] {
  const read = new DeclarationReader(source);
  const result: DesiredProperty[] = [];
  for (const [field, value] of Object.entries(read.data)) {
    const setting = HIGH_SECURITY_BY_FRIENDLY_NAME.get(field);
    if (!setting) continue;
    const pointer = `/${field}`;
    result.push({
      kind: 'SecuritySettings',
      key: naturalKey(setting.property),
      at: read.keyAt(pointer),
      value: { value: storedValue(value), at: read.at(pointer) },
      friendlyName: setting.friendlyName,
    });
  }
  const raw = read.data.properties ?? {};
  for (const [name, value] of Object.entries(raw)) {
    const pointer = childPointer('/properties', name);
    result.push({ kind: 'SecuritySettings', key: naturalKey(name), at: read.keyAt(pointer), value: { value: storedValue(value), at: read.at(pointer) } });
  }
  return result;
}
