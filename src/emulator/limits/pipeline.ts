import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Emulator } from '../emulator.js';
import { cookie } from '../http/authenticate.js';
import { fromError, type Reply } from '../http/respond.js';
import { deliverFault } from './fault-delivery.js';
import { commitsFirst, failureOf } from './faults.js';
import type { Limits } from './limits.js';
import { droppedBySession, tooManyRequests } from './replies.js';
import { NOTHING_HELD } from './semaphore.js';
import { serverTimeOf, transactionCancelled } from './server-time.js';

/** What the router made of a request. `timed`: its server time was already spent (the Batch API). */
export interface Served {
  readonly reply: Reply;
  readonly route: string;
  readonly timed?: boolean;
}

export interface LimitedRequest {
  readonly emulator: Emulator;
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** The effective method (after X-HTTP-Method-Override) and the route name for statistics. */
  readonly method: string;
  readonly route: string;
  /** Route and run the request (authentication, rate limits, the API itself). */
  readonly serve: () => Promise<Served>;
  /** Record and write an answer. */
  readonly send: (served: Served) => void;
}

/** The cookie's session, when it names one the instance knows (other requests start a new one). */
function knownSession(emulator: Emulator, request: IncomingMessage): string | undefined {
  const id = cookie(request, 'JSESSIONID');
  return emulator.sessions.get(id) ? id : undefined;
}

function startedSession(reply: Reply): string | undefined {
  const header = reply.headers?.['Set-Cookie'];
  return /JSESSIONID=([^;]+)/.exec(Array.isArray(header) ? header.join(';') : (header ?? ''))?.[1];
}

/**
 * Spend the transaction's server time, or cancel it when that passes the Table API quota. The
 * emulator's own work on the request (`spentMs`: matching, reading rows) is part of that time,
 * not extra: the model says what a transaction costs, whatever machine the emulator runs on.
 */
async function spendServerTime(limits: Limits, emulator: Emulator, method: string, served: Served, spentMs: number): Promise<Served> {
  if (served.timed) return served;
  const ms = serverTimeOf(limits.profile.latency, method, served.reply);
  const quota = limits.profile.quotas?.tableMs;
  if (quota !== undefined && ms > quota) {
    await limits.pause(Math.max(0, quota - spentMs));
    emulator.stats.count(emulator.stats.rejections, 'quota');
    return { ...served, reply: fromError(transactionCancelled()) };
  }
  await limits.pause(Math.max(0, ms - spentMs));
  return served;
}

const timing = (served: Served, semWait: number, seshWait: number): Served => ({
  ...served,
  reply: {
    ...served.reply,
    headers: { ...served.reply.headers, 'Server-Timing': `sem_wait;dur=${Math.round(semWait)}, sesh_wait;dur=${Math.round(seshWait)}` },
  },
});

/**
 * One Table or Batch API request through an instance's limits, in the order a real one meets
 * them: the network, a fault (which may strike before processing, or after it: commit-then-*),
 * the session's line (202 past its waiters), the node's API_INT semaphore (429 past its queue),
 * the transaction with its server time (cancelled past the quota), and the network back.
 */
export async function serveWithLimits(call: LimitedRequest): Promise<void> {
  const { emulator, request, response } = call;
  const { limits, stats } = emulator;
  const leg = (limits.profile.latency?.roundTripMs ?? 0) / 2;
  const target = (route: string) => ({
    response,
    send: (reply: Reply) => call.send({ reply, route }),
    unanswered: () => stats.record(route),
  });
  await limits.pause(leg);

  const injector = limits.faults;
  const fault = injector?.next(`${call.method} ${decodedUrl(request.url ?? '')}`);
  if (fault) stats.count(stats.faults, fault);
  if (injector && fault && !commitsFirst(fault)) return deliverFault(failureOf(fault), injector.profile, target(call.route));

  const sessionId = knownSession(emulator, request);
  const arrived = performance.now();
  const leaveSession = limits.gate ? await limits.gate.enter(sessionId) : NOTHING_HELD;
  if (!leaveSession) {
    stats.count(stats.rejections, 'session');
    return target(call.route).send(droppedBySession());
  }
  const inSession = performance.now();
  const node = limits.pool?.nodeFor(sessionId);
  const leaveNode = node ? await node.acquire() : NOTHING_HELD;
  if (!leaveNode) {
    leaveSession();
    stats.count(stats.rejections, 'semaphore');
    return target(call.route).send(tooManyRequests());
  }
  const onThread = performance.now();

  let served: Served;
  try {
    const serving = limits.clock();
    const result = await call.serve();
    served = await spendServerTime(limits, emulator, call.method, result, limits.clock() - serving);
    const started = startedSession(served.reply);
    if (node && started) limits.pool?.pin(started, node);
  } finally {
    leaveNode();
    leaveSession();
  }
  await limits.pause(leg);

  if (injector && fault) return deliverFault(failureOf(fault), injector.profile, target(served.route));
  call.send(timing(served, onThread - inSession, inSession - arrived));
}

/** The request's path and query as people write them, for fault schedules that match requests. */
function decodedUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
