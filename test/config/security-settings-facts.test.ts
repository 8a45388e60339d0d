import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HIGH_SECURITY_SETTINGS } from '../../src/model/high-security-settings.js';
import { REPO_ROOT } from './project.js';
import { settingsTable } from './settings-table.js';

/**
 * The High Security Settings catalogue is a set of documented facts: every row names the
 * documentation page it comes from, every property the documentation calls "safe harbor" is
 * flagged irreversible, and the reference in docs/declarations.md shows exactly the catalogue.
 */
const SAFE_HARBOR = [
  'glide.basicauth.required.soap',
  'glide.basicauth.required.wsdl',
  'glide.basicauth.required.xsd',
  'glide.basicauth.required.schema',
  'glide.basicauth.required.xml',
  'glide.basicauth.required.csv',
  'glide.basicauth.required.excel',
  'glide.basicauth.required.pdf',
  'glide.basicauth.required.rss',
  'glide.basicauth.required.importprocessor',
  'glide.basicauth.required.scriptedprocessor',
  'glide.basicauth.required.jsonv2',
  'glide.basicauth.required.xmloutputprocessor',
  'glide.basicauth.required.api',
  'glide.basicauth.required.databrokerrestapiprocessor',
  'glide.ui.secure_cookies',
  'glide.html.escape_script',
  'glide.sm.default_mode',
];

describe('the High Security Settings catalogue', () => {
  it('names a documentation page as the source of every row', () => {
    for (const setting of HIGH_SECURITY_SETTINGS) {
      expect(setting.source, setting.property).toMatch(/^(hss|sc\/sc-[a-z0-9-]+|authentication\/[a-z0-9-]+)(; (sc\/sc-[a-z0-9-]+))?$/);
    }
  });

  it('flags every safe-harbor property irreversible, and no other', () => {
    const flagged = HIGH_SECURITY_SETTINGS.filter((s) => s.irreversible !== undefined).map((s) => s.property);
    expect(flagged.sort()).toEqual([...SAFE_HARBOR].sort());
  });

  it('is what docs/declarations.md and the schema show, sources and safe harbor included', () => {
    expect(readFileSync(join(REPO_ROOT, 'docs', 'declarations.md'), 'utf8')).toContain(settingsTable());
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schemas', 'security-settings.schema.json'), 'utf8')) as { properties: Record<string, { description: string }> };
    for (const setting of HIGH_SECURITY_SETTINGS) {
      const description = schema.properties[setting.friendlyName]?.description ?? '';
      expect(description).toContain('Source: ServiceNow documentation');
      expect(description.includes('Safe harbor'), setting.property).toBe(setting.irreversible !== undefined);
    }
  });
});
