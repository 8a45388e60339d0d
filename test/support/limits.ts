import type { LatencyProfile } from '../../src/emulator/limits/profile.js';
import type { Sleep } from '../../src/emulator/limits/server-time.js';
import { basic } from './emulator.js';

/**
 * Emulated time that the test holds: while held, every wait parks until `release()`; after that
 * time passes at once until `hold()`. Tests fill a queue while transactions are parked, assert on
 * it, then let them finish, with no timing involved.
 */
export class HeldTime {
  private readonly parked: (() => void)[] = [];
  private released = false;

  readonly sleep: Sleep = (_ms) => (this.released ? Promise.resolve() : new Promise<void>((resolve) => this.parked.push(resolve)));

  hold(): void {
    this.released = false;
  }

  /** Waits parked right now. */
  get waiting(): number {
    return this.parked.length;
  }

  release(): void {
    this.released = true;
    for (const resume of this.parked.splice(0)) resume();
  }
}

/** Emulated time that passes at once but is written down, for asserting what a request cost. */
export class RecordedTime {
  readonly waits: number[] = [];
  readonly sleep: Sleep = async (ms) => {
    this.waits.push(ms);
  };
}

/** A latency section with every cost zero except the ones given. */
export function latency(costs: Partial<LatencyProfile>): LatencyProfile {
  return { roundTripMs: 0, transactionMs: 0, rowReadMs: 0, writeMs: 0, ...costs };
}

export interface LimitStats {
  requests: number;
  rowsServed: number;
  writes: number;
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  status429: number;
  status202: number;
  rejections: Record<string, number>;
  faults: Record<string, number>;
  peakConcurrency: number;
  peakQueueDepth: number;
  peakSessionWaiters: number;
  inFlight: { running: number; queued: number };
}

export async function stats(url: string): Promise<LimitStats> {
  return (await (await fetch(`${url}/__snac/stats`)).json()) as LimitStats;
}

/** Poll the statistics until `done` holds (the emulator is in-process, so this is quick). */
export async function statsWhen(url: string, done: (s: LimitStats) => boolean, what: string): Promise<LimitStats> {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const current = await stats(url);
    if (done(current)) return current;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`the emulator never reached: ${what}; last stats ${JSON.stringify(await stats(url))}`);
}

/** A request as admin with Basic auth and no cookie (each one starts its own session). */
export function asAdmin(url: string, path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${url}${path}`, {
    ...init,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: basic('admin', 'admin'), ...init.headers },
  });
}

/** The JSESSIONID a response started, as a Cookie header value. */
export function sessionCookie(response: Response): string {
  const match = /JSESSIONID=([^;]+)/.exec(response.headers.get('set-cookie') ?? '');
  if (!match) throw new Error('the response started no session');
  return `JSESSIONID=${match[1]}`;
}

/**
 * What the client saw: the status, `timeout` when its own timeout fired first, or `no answer`
 * when the connection dropped (the socket error's exact code varies with timing, so it is not kept).
 */
export async function outcome(request: Promise<Response>): Promise<number | 'timeout' | 'no answer'> {
  try {
    const response = await request;
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? 'timeout' : 'no answer';
  }
}
