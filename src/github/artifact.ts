import { join } from 'node:path';
import { writeFileAtomic } from '../files/write-atomic.js';
import type { Plan } from '../plan/change.js';
import { renderJson } from '../render/json.js';
import { renderText } from '../render/text.js';

/** The names actions/upload-artifact uploads from the artifact directory. */
export const ARTIFACT_FILES = { json: 'plan.json', text: 'plan.txt', comment: 'comment.md' } as const;

/**
 * Write the whole plan (canonical JSON and the terminal view, never cut) and the comment as
 * posted into a directory the workflow uploads as an artifact: the place a cut comment points to.
 */
export async function writePlanArtifact(dir: string, plan: Plan, comment: string, instanceName: string): Promise<string[]> {
  const files: [string, string][] = [
    [ARTIFACT_FILES.json, renderJson(plan)],
    [ARTIFACT_FILES.text, renderText(plan, { color: false, instanceName })],
    [ARTIFACT_FILES.comment, comment],
  ];
  for (const [name, text] of files) await writeFileAtomic(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}
