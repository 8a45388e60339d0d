import { HIGH_SECURITY_SETTINGS, type HighSecuritySetting } from '../../src/model/high-security-settings.js';

const values = (s: HighSecuritySetting) => (s.type === 'boolean' ? 'true / false' : s.friendlyName === 'default_deny' ? 'deny / allow' : s.type);
const newInstance = (s: HighSecuritySetting) => s.newInstanceValue ?? `no row (behaves as ${s.fallback})`;
const source = (s: HighSecuritySetting) =>
  s.source
    .split('; ')
    .map((page) => (page === 'hss' ? 'High Security Settings' : `\`${page.replace(/^sc\//, '')}\``))
    .join(', ');

/** The table of High Security Settings docs/declarations.md shows, one row per catalogue entry. */
export function settingsTable(): string {
  const rows = HIGH_SECURITY_SETTINGS.map((s) => {
    const meaning = [s.description, s.irreversible === undefined ? '' : `cannot be changed back once ${s.irreversible} (safe harbor)`].filter(Boolean).join('; ');
    return `| \`${s.friendlyName}\` | \`${s.property}\` | ${values(s)} | ${newInstance(s)} | ${meaning} | ${source(s)} |`;
  });
  const notes = HIGH_SECURITY_SETTINGS.filter((s) => s.note !== undefined).map((s) => `- \`${s.friendlyName}\`: ${s.note}.`);
  return ['| friendly name | property | values | new instance | meaning | source |', '|---|---|---|---|---|---|', ...rows, '', 'Where the documentation disagrees with itself or is silent:', '', ...notes].join('\n');
}
