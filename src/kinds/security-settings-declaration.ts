import type { DesiredProperty } from './desired.js';
import { HIGH_SECURITY_BY_FRIENDLY_NAME } from '../model/high-security-settings.js';
import { naturalKey } from '../model/keys.js';
import { childPointer } from '../model/pointer.js';
import { DeclarationReader, type DeclarationSource } from './declaration.js';

/** ServiceNow stores every property value as text: true → 'true', 30 → '30'. */
function storedValue(value: unknown): string {
  return String(value);
}

/** The High Security Settings by friendly name, then the raw `properties:` map. */
export function buildProperties(source: DeclarationSource): DesiredProperty[] {
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
  const raw = (read.data['properties'] ?? {}) as Readonly<Record<string, unknown>>;
  for (const [name, value] of Object.entries(raw)) {
    const pointer = childPointer('/properties', name);
    result.push({ kind: 'SecuritySettings', key: naturalKey(name), at: read.keyAt(pointer), value: { value: storedValue(value), at: read.at(pointer) } });
  }
  return result;
}
