import { appendFile } from 'node:fs/promises';
import { SnacError } from '../diagnostics.js';

/**
 * Add markdown to the job summary ($GITHUB_STEP_SUMMARY): GitHub shows it on the run's page.
 * Returns false (and writes nothing) outside Actions, where there is no summary file.
 */
export async function appendStepSummary(file: string | undefined, markdown: string): Promise<boolean> {
  if (file === undefined) return false;
  try {
    await appendFile(file, `${markdown.trimEnd()}\n\n`, 'utf8');
  } catch (error) {
    throw new SnacError(`cannot append to the job summary GITHUB_STEP_SUMMARY=${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 'github-summary', 'unset GITHUB_STEP_SUMMARY outside Actions');
  }
  return true;
}
