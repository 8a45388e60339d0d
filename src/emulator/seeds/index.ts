import type { Emulator } from '../emulator.js';
import { randomSysId, seededSysIds } from '../ids.js';
import { seedDemo } from './demo.js';
import { seedEmpty } from './empty.js';
import { seedScale } from './scale.js';
import { seedScalePeople } from './scale-people.js';
import { SeedWriter } from './writer.js';

export type SeedName = 'empty' | 'demo' | `scale:${number}` | `scale:${number},people:${number}`;

/** Parse a `--seed` value; throws with the accepted forms when it is none of them. */
export function parseSeedName(value: string): SeedName {
  if (value === 'empty' || value === 'demo') return value;
  const scale = /^scale:(\d{1,7})(?:,people:(\d{1,7}))?$/.exec(value);
  if (scale) return scale[2] === undefined || Number(scale[2]) === 0 ? `scale:${Number(scale[1])}` : `scale:${Number(scale[1])},people:${Number(scale[2])}`;
  throw new Error(
    `unknown seed "${value}": use empty, demo, scale:N (N service accounts, e.g. scale:10000) or scale:N,people:M (plus M employees out of scope, e.g. scale:10000,people:200000)`,
  );
}

/**
 * Load a seed into an emptied emulator, with reproducible sys_ids. The people of
 * `scale:N,people:M` take sys_ids of their own sequence, so the N service accounts and their
 * links have the same sys_ids with and without people (runs compare like for like).
 */
export function loadSeed(emulator: Emulator, name: SeedName): void {
  const seed = new SeedWriter(emulator);
  const [base = name, people] = name.split(',');
  emulator.instance.useSysIds(seededSysIds(base));
  try {
    seedEmpty(seed);
    if (name === 'demo') seedDemo(seed);
    else if (base.startsWith('scale:')) seedScale(seed, Number(base.slice('scale:'.length)));
    if (people !== undefined) {
      emulator.instance.useSysIds(seededSysIds(name));
      seedScalePeople(seed, Number(people.slice('people:'.length)));
    }
  } finally {
    emulator.instance.useSysIds(randomSysId);
  }
}
