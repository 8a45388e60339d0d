import { FAULT_KINDS, type FaultKind, type FaultProfile, type ScheduledFault } from './profile.js';

/** mulberry32: a small, fast PRNG whose whole state is one 32-bit number, so a seed replays exactly. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Decides which API request fails and how. Requests are numbered in the order they reach the
 * injector; every request draws exactly one random number, whether or not the schedule names it,
 * so the same seed, schedule and request order give the same faults on every run.
 */
export class FaultInjector {
  private random: () => number;
  private count = 0;
  /** Requests seen per `match` of the schedule. */
  private matched = new Map<string, number>();
  private readonly patterns: ReadonlyMap<string, RegExp>;

  constructor(readonly profile: FaultProfile) {
    this.random = generator(profile.seed);
    this.patterns = new Map(profile.schedule.flatMap((entry) => (entry.match === undefined ? [] : [[entry.match, new RegExp(entry.match)] as const])));
  }

  /** The fault for the next request ("METHOD /path?query"), or undefined when it goes through untouched. */
  next(request = ''): FaultKind | undefined {
    this.count += 1;
    const draw = this.random();
    for (const [match, pattern] of this.patterns) if (pattern.test(request)) this.matched.set(match, (this.matched.get(match) ?? 0) + 1);
    const planned = this.profile.schedule.find((entry) => this.isNow(entry, request));
    if (planned) return planned.fault;
    let threshold = 0;
    for (const kind of FAULT_KINDS) {
      threshold += this.profile.rates[kind] ?? 0;
      if (draw < threshold) return kind;
    }
    return undefined;
  }

  /** Start the sequence again, as after `/__snac/reset`. */
  reset(): void {
    this.random = generator(this.profile.seed);
    this.count = 0;
    this.matched = new Map();
  }

  private isNow(entry: ScheduledFault, request: string): boolean {
    if (entry.match === undefined) return entry.request === this.count;
    return this.patterns.get(entry.match)?.test(request) === true && this.matched.get(entry.match) === entry.request;
  }
}

/** Whether the request is processed before the fault strikes. */
export function commitsFirst(kind: FaultKind): boolean {
  return kind.startsWith('commit-then-');
}

/** How a request fails, once any processing is done: the kind without its `commit-then-` prefix. */
export type Failure = Exclude<FaultKind, `commit-then-${string}`>;

export function failureOf(kind: FaultKind): Failure {
  return (commitsFirst(kind) ? kind.slice('commit-then-'.length) : kind) as Failure;
}
