import { FAULT_KINDS, type FaultKind, type FaultProfile } from './profile.js';

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
  private readonly scheduled: ReadonlyMap<number, FaultKind>;

  constructor(readonly profile: FaultProfile) {
    this.random = generator(profile.seed);
    this.scheduled = new Map(profile.schedule.map((entry) => [entry.request, entry.fault]));
  }

  /** The fault for the next request, or undefined when it goes through untouched. */
  next(): FaultKind | undefined {
    this.count += 1;
    const draw = this.random();
    const planned = this.scheduled.get(this.count);
    if (planned) return planned;
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
