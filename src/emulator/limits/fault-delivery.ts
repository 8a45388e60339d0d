import type { ServerResponse } from 'node:http';
import type { Reply } from '../http/respond.js';
import { holdThenDrop, resetConnection } from './connection.js';
import type { Failure } from './faults.js';
import type { FaultProfile } from './profile.js';
import { gatewayError, retryLater, serverError, tooManyRequests } from './replies.js';

/** Where a fault is delivered: an answer to send, or the connection to cut (recording it unanswered). */
export interface FaultTarget {
  readonly response: ServerResponse;
  readonly send: (reply: Reply) => void;
  readonly unanswered: () => void;
}

/** Make the client see `failure`. Resolves once the answer is sent or the connection is gone. */
export async function deliverFault(failure: Failure, profile: FaultProfile, target: FaultTarget): Promise<void> {
  switch (failure) {
    case '429':
      return target.send(retryLater(profile.retryAfterSeconds));
    case '429-no-retry-after':
      return target.send(tooManyRequests());
    case '500':
      return target.send(serverError());
    case '502':
    case '503':
      return target.send(gatewayError(Number(failure) as 502 | 503));
    case 'reset':
      target.unanswered();
      return resetConnection(target.response);
    case 'timeout':
      target.unanswered();
      return holdThenDrop(target.response, profile.timeoutMs);
  }
}
