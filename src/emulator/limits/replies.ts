import type { Reply } from '../http/respond.js';

const text = (status: number, body: string, contentType = 'text/plain;charset=UTF-8', headers: Record<string, string> = {}): Reply => ({
  status,
  body,
  headers: { 'Content-Type': contentType, ...headers },
});

/**
 * The API_INT pool and its queue are full (KB0635398): a plain 429 without Retry-After, so a
 * client has to back off on its own (research/anchors-perf-reliability.md, "Two kinds of 429").
 */
export function tooManyRequests(): Reply {
  return text(429, 'Too Many Requests');
}

/** Too many waiters on one session: the request is dropped unprocessed and answered 202, empty. */
export function droppedBySession(): Reply {
  return { status: 202 };
}

/** A 429 that says when to retry, shaped like a rate-rule denial without a rule behind it. */
export function retryLater(seconds: number): Reply {
  return {
    status: 429,
    headers: { 'Retry-After': String(seconds) },
    body: { error: { message: 'Rate limit exceeded', detail: null }, status: 'failure' },
  };
}

/** A server error from the instance itself: the platform's error envelope. */
export function serverError(): Reply {
  return { status: 500, body: { error: { message: 'Internal server error', detail: null }, status: 'failure' } };
}

/** 502 and 503 come from the load balancer in front of the nodes, as HTML, not from the REST API. */
export function gatewayError(status: 502 | 503): Reply {
  const title = status === 502 ? 'Bad Gateway' : 'Service Unavailable';
  return text(status, `<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1></body></html>`, 'text/html;charset=UTF-8');
}
