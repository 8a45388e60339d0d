import { createHash, randomBytes } from 'node:crypto';

/** sys_ids are 32 lowercase hex characters. */
export const SYS_ID = /^[0-9a-f]{32}$/;

export type SysIdGenerator = () => string;

export const randomSysId: SysIdGenerator = () => randomBytes(16).toString('hex');

/** A reproducible sequence of sys_ids for seeds, so the demo instance is the same on every start. */
export function seededSysIds(seed: string): SysIdGenerator {
  let n = 0;
  return () => createHash('sha256').update(`${seed}:${n++}`).digest('hex').slice(0, 32);
}
