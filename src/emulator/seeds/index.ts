import type { Emulator } from '../emulator.js';
import { randomSysId, seededSysIds } from '../ids.js';
import { seedDemo } from './demo.js';
import { seedEmpty } from './empty.js';
import { seedScale } from './scale.js';
import { SeedWriter } from './writer.js';

export type SeedName = 'empty' | 'demo' | `scale:${number}`;

/** Parse a `--seed` value; throws with the accepted forms when it is none of them. */
export function parseSeedName(value: string): SeedName {
  if (value === 'empty' || value === 'demo') return value;
  const scale = /^scale:(\d{1,7})$/.exec(value);
  if (scale) return `scale:${Number(scale[1])}`;
  throw new Error(`unknown seed "${value}": use empty, demo or scale:N (N service accounts, e.g. scale:10000)`);
}

/** Load a seed into an emptied emulator, with reproducible sys_ids. */
export function loadSeed(emulator: Emulator, name: SeedName): void {
  const seed = new SeedWriter(emulator);
  emulator.instance.useSysIds(seededSysIds(name));
  try {
    seedEmpty(seed);
    if (name === 'demo') seedDemo(seed);
    else if (name.startsWith('scale:')) seedScale(seed, Number(name.slice('scale:'.length)));
  } finally {
    emulator.instance.useSysIds(randomSysId);
  }
}
