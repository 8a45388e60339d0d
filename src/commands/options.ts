import { resolve } from 'node:path';
import { ALLOWABLE_CODES, SAFETY_RAILS } from '../plan/safety.js';
import { UsageError } from './command.js';
import type { ComputePlanOptions } from './compute-plan.js';

/** --page-size: a whole number of rows from 1 to 10,000 (ServiceNow's default limit), or undefined when not given. */
export function pageSizeOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const pageSize = Number(value);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) throw new UsageError(`--page-size must be a whole number from 1 to 10000, got "${value}"`);
  return pageSize;
}

/** --format: one of the command's formats, the first being the default. */
export function formatOption<F extends string>(value: string | undefined, formats: readonly [F, ...F[]]): F {
  if (value === undefined) return formats[0];
  const format = formats.find((f) => f === value);
  if (format === undefined) throw new UsageError(`--format must be one of ${formats.join(', ')}, got "${value}"`);
  return format;
}

/** The options of every command that reads an instance for a project: where the declarations are, which instance, how to page. */
export const INSTANCE_OPTIONS = {
  dir: { type: 'string' },
  config: { type: 'string' },
  instance: { type: 'string' },
  'instance-url': { type: 'string' },
  'page-size': { type: 'string' },
} as const;

/** The options of every command that plans: the instance options, and safety findings to let pass. */
export const PLAN_OPTIONS = {
  ...INSTANCE_OPTIONS,
  allow: { type: 'string', multiple: true },
} as const;

interface PlanOptionValues {
  readonly dir?: string | undefined;
  readonly config?: string | undefined;
  readonly instance?: string | undefined;
  readonly 'instance-url'?: string | undefined;
  readonly 'page-size'?: string | undefined;
  readonly allow?: string[] | undefined;
}

/** --allow: only codes of safety findings that can be let pass; anything else is a usage error listing them. */
export function allowOption(values: readonly string[] | undefined): string[] {
  const codes = values ?? [];
  for (const code of codes) {
    const rail = SAFETY_RAILS.find((r) => r.code === code);
    if (rail?.allowable === true) continue;
    const why = rail === undefined ? `--allow ${code}: no safety finding has that code` : `${code} cannot be allowed: ${rail.unallowable}`;
    throw new UsageError(`${why}; the codes --allow takes are ${ALLOWABLE_CODES.join(', ')}`);
  }
  return [...codes];
}

/** What computePlan needs from the PLAN_OPTIONS a command was given, paths resolved from `cwd`. */
export function planInputs(values: PlanOptionValues, cwd: string): ComputePlanOptions {
  const pageSize = pageSizeOption(values['page-size']);
  return {
    dir: resolve(cwd, values.dir ?? 'accounts'),
    ...(values.config === undefined ? {} : { configFile: resolve(cwd, values.config) }),
    target: { instance: values.instance, instanceUrl: values['instance-url'] },
    allow: allowOption(values.allow),
    ...(pageSize === undefined ? {} : { pageSize }),
  };
}
