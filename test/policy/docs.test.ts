import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_RULES } from '../../src/policy/registry.js';

const docs = readFileSync('docs/policy.md', 'utf8');

/** Finding codes written in a source directory: `code: 'x'` and push('severity', 'x', ...). */
function codesIn(dir: string): string[] {
  const codes = new Set<string>();
  for (const file of readdirSync(dir)) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/code: '([a-z-]+)'|'(?:error|warning)', '([a-z-]+)'/g)) codes.add(m[1] ?? m[2] ?? '');
  }
  return [...codes].sort();
}

describe('docs/policy.md', () => {
  it.each(POLICY_RULES.map((r) => [r.id, r.severity] as const))('describes rule %s with its default severity %s', (id, severity) => {
    expect(docs).toContain(`| \`${id}\` | ${severity} |`);
    expect(docs).toContain(`**\`${id}\`**`);
  });

  it('describes every audit finding code', () => {
    const codes = codesIn('src/audit');
    expect(codes.length).toBeGreaterThan(15);
    for (const code of codes) expect(docs, code).toContain(`\`${code}\``);
  });
});
