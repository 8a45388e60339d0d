import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../config/index.js';

/**
 * `npm run bench:yaml`: how long `snac validate` takes to judge hostile declaration files that
 * fit under the 1 MiB limit (validate runs for pull requests from forks too). Prints figures;
 * asserts nothing. Target: each judged in under 2 s.
 */
const CASES: Record<string, string> = {
  '100,000 distinct keys in one mapping': Array.from({ length: 100_000 }, (_, i) => `k${String(i).padStart(5, '0')}: 1`).join('\n'),
  '100,000 keys, every one a duplicate of the first': Array.from({ length: 100_000 }, () => 'kkkkkk: 1').join('\n'),
  '100,000 keys under a ServiceAccount': ['kind: ServiceAccount', 'user_name: svc_x', 'x:', ...Array.from({ length: 99_997 }, (_, i) => ` k${i.toString(36)}: 1`)].join('\n'),
};

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'snac-bench-yaml-'));
  try {
    for (const [name, text] of Object.entries(CASES)) {
      const dir = join(root, String(Object.keys(CASES).indexOf(name)), 'accounts');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'hostile.yaml'), `${text}\n`);
      const started = performance.now();
      const project = await loadProject({ dir });
      const seconds = (performance.now() - started) / 1000;
      const codes = [...new Set(project.diagnostics.map((d) => d.code))].join(', ') || 'none';
      console.log(`${name} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB): judged in ${seconds.toFixed(2)} s; findings: ${codes}`);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
