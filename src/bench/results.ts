import type { ProbeResult, ReadResult } from './model.js';

/** One figure of bench/results.json. `lowerBound`: the physical floor under the load model; `peer`: the per-record pattern (one request per object). */
export interface Figure {
  readonly figure: string;
  readonly snac: number;
  readonly lowerBound?: number;
  readonly peer?: number;
  readonly unit: 's' | 'requests' | 'rows' | 'MB' | 'ms';
}

export const UNITS: readonly Figure['unit'][] = ['s', 'requests', 'rows', 'MB', 'ms'];

const count = (n: number) => n.toLocaleString('en-US');
const round = (n: number, digits: number) => Number(n.toFixed(digits));

/** `plan, 10,000 accounts` or `plan, 10,000 accounts + 200,000 people`: the part of a figure's name before the colon. */
export function planScenario(read: Pick<ReadResult, 'accounts' | 'people'>): string {
  return `plan, ${count(read.accounts)} accounts${read.people > 0 ? ` + ${count(read.people)} people` : ''}`;
}

export const PLAN_METRICS = ['requests', 'rows read', 'read time', 'client CPU while reading', 'emulator CPU while reading', 'planning CPU', 'peak RSS', 'heap held after planning'] as const;

function planFigures(read: ReadResult): Figure[] {
  const name = (metric: (typeof PLAN_METRICS)[number]) => `${planScenario(read)}: ${metric}`;
  return [
    { figure: name('requests'), snac: read.requests, lowerBound: read.minimumRequests, peer: read.rows, unit: 'requests' },
    { figure: name('rows read'), snac: read.rows, unit: 'rows' },
    { figure: name('read time'), snac: round(read.readMs / 1000, 2), lowerBound: round(read.floorMs / 1000, 2), peer: round(read.perRecordMs / 1000, 1), unit: 's' },
    { figure: name('client CPU while reading'), snac: Math.round(read.readCpuMs), unit: 'ms' },
    { figure: name('emulator CPU while reading'), snac: Math.round(read.emulatorCpuMs), unit: 'ms' },
    { figure: name('planning CPU'), snac: Math.round(read.planCpuMs), unit: 'ms' },
    { figure: name('peak RSS'), snac: Math.round(read.peakRssMb), unit: 'MB' },
    { figure: name('heap held after planning'), snac: Math.round(read.heldHeapMb), unit: 'MB' },
  ];
}

/** Every figure of a bench run, in the order the probes ran. */
export function figuresOf(probes: readonly ProbeResult[]): Figure[] {
  const figures: Figure[] = [];
  for (const { read, apply } of probes) {
    figures.push(...planFigures(read));
    if (apply === undefined) continue;
    const changes = `apply, ${count(apply.changes)} changes`;
    figures.push(
      { figure: `${changes}: time`, snac: round(apply.ms / 1000, 2), lowerBound: round(apply.floorMs / 1000, 2), unit: 's' },
      { figure: `${changes}: 429 answers provoked`, snac: apply.status429, lowerBound: 0, unit: 'requests' },
      { figure: `${changes}, Batch API (${apply.batchSize} per request): time`, snac: round(apply.batchMs / 1000, 2), lowerBound: round(apply.batchFloorMs / 1000, 2), peer: round(apply.floorMs / 1000, 2), unit: 's' },
    );
  }
  return figures;
}

/** What is wrong with a results.json value, or [] when it is an array of figures. */
export function resultProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return ['results.json must hold an array of figures'];
  const problems: string[] = [];
  value.forEach((item: unknown, i) => {
    const where = `figure ${i}`;
    if (typeof item !== 'object' || item === null) return void problems.push(`${where} is not an object`);
    const figure = item as Record<string, unknown>;
    const extra = Object.keys(figure).filter((key) => !['figure', 'snac', 'lowerBound', 'peer', 'unit'].includes(key));
    if (extra.length > 0) problems.push(`${where} has unknown fields: ${extra.join(', ')}`);
    if (typeof figure['figure'] !== 'string' || figure['figure'] === '') problems.push(`${where} has no name`);
    if (!UNITS.includes(figure['unit'] as Figure['unit'])) problems.push(`${where} has unit ${String(figure['unit'])}, not one of ${UNITS.join(', ')}`);
    for (const key of ['snac', 'lowerBound', 'peer']) {
      const n = figure[key];
      if ((key === 'snac' || n !== undefined) && !(typeof n === 'number' && Number.isFinite(n) && n >= 0)) problems.push(`${where}: ${key} is not a number ≥ 0`);
    }
  });
  return problems;
}
