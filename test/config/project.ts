import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: its accounts/ and snac.yaml are the example project. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const created: string[] = [];

/**
 * A project in a fresh directory under the OS temp dir: `files` maps paths relative to the
 * project root (accounts/x.yaml, snac.yaml) to their content. With `withExamples`, the
 * repository's accounts/ and snac.yaml are copied first, so a case can add one broken file to a
 * valid project.
 */
export function writeProject(files: Readonly<Record<string, string | Uint8Array>>, options: { withExamples?: boolean } = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'snac-config-'));
  created.push(root);
  mkdirSync(join(root, 'accounts'));
  if (options.withExamples) {
    cpSync(join(REPO_ROOT, 'accounts'), join(root, 'accounts'), { recursive: true });
    cpSync(join(REPO_ROOT, 'snac.yaml'), join(root, 'snac.yaml'));
  }
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Deletes every project written so far (call from afterAll). */
export function removeProjects(): void {
  for (const root of created.splice(0)) rmSync(root, { recursive: true, force: true });
}

/** A YAML file from lines, so a test can see which line a problem is on. */
export function yaml(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
