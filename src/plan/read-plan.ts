import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SnacError } from '../diagnostics.js';
import { ACTIONS, type Plan } from './change.js';
import { planHash } from './fingerprint.js';

/** schemas/ sits two levels above this file both in src/ (tests) and in dist/ (the CLI). */
const SCHEMA_URL = new URL('../../schemas/plan.schema.json', import.meta.url);

let validator: ((data: unknown) => boolean) & { errors?: unknown } | undefined;

async function validate(data: unknown): Promise<string | undefined> {
  if (validator === undefined) {
    const schema = JSON.parse(await readFile(SCHEMA_URL, 'utf8')) as object;
    validator = new Ajv2020({ allErrors: false, allowUnionTypes: true }).compile(schema);
  }
  if (validator(data)) return undefined;
  const [first] = (validator.errors ?? []) as { instancePath: string; message?: string }[];
  return first ? `${first.instancePath || '(root)'} ${first.message ?? 'is invalid'}` : 'is invalid';
}

/** Read a plan written by `snac plan --out`, refusing anything that is not one. */
export async function readPlanFile(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SnacError(`cannot read the plan ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, 'plan-file', 'pass the file written by snac plan --out');
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SnacError(`${path} is not JSON`, 'plan-file', 'pass the file written by snac plan --out (not the text or markdown view)');
  }
  const problem = await validate(data);
  if (problem !== undefined) throw new SnacError(`${path} is not a snac plan: ${problem}`, 'plan-file', 'pass the file written by snac plan --out, from the same snac version');
  return checkIntegrity(path, data as Plan);
}

/**
 * A plan file is not trusted: its hash is recomputed from its changes, and its counts (which
 * the summary line shows) from its actions. A file edited by hand, or by code that ran in a
 * pull request, is refused rather than posted, reviewed or applied.
 */
function checkIntegrity(path: string, plan: Plan): Plan {
  const fix = 'make the plan again with snac plan --out; never edit a plan file';
  const actual = planHash(plan.changes);
  if (actual !== plan.planHash) {
    throw new SnacError(`${path} was altered: its changes hash to ${actual.slice(0, 12)}, but it claims plan ${plan.planHash.slice(0, 12)}`, 'plan-tampered', fix);
  }
  const wrong = ACTIONS.filter((a) => plan.counts[a] !== plan.changes.filter((c) => c.action === a).length);
  if (wrong.length > 0) throw new SnacError(`${path} was altered: its counts of ${wrong.join(', ')} do not match its changes`, 'plan-tampered', fix);
  return plan;
}
