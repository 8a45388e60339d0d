import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SnacError } from '../diagnostics.js';
import type { Plan } from './change.js';

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
  return data as Plan;
}
