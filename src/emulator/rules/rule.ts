import { createHash } from 'node:crypto';
import type { Actor } from '../actor.js';
import type { Instance } from '../instance.js';
import type { Values } from '../store.js';

export interface RuleEvent {
  readonly instance: Instance;
  readonly table: string;
  readonly operation: 'insert' | 'update' | 'delete';
  /** The record being written; `before` rules may change it. */
  readonly current: Values;
  readonly previous: Values | undefined;
  readonly actor: Actor;
}

/** A server-side business rule: runs before (may abort or adjust) or after (side effects) a write. */
export interface BusinessRule {
  readonly name: string;
  readonly when: 'before' | 'after';
  readonly tables: readonly string[];
  readonly operations: readonly RuleEvent['operation'][];
  run(event: RuleEvent): void;
}

/** A stable sys_id for a business rule, for the "aborted by Business Rule 'name^sys_id'" message. */
export function ruleSysId(name: string): string {
  return createHash('md5').update(`sys_script:${name}`).digest('hex');
}
