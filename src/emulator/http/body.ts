import type { IncomingMessage } from 'node:http';
import { errors } from '../errors.js';

/** The platform's REST payload cap (glide.rest.max_content_length): 10 MB. */
export const MAX_BODY_BYTES = 10_485_760;

/** Read a request body, refusing more than 10 MB the way the instance does. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) {
    request.resume();
    throw errors.payloadTooLarge(declared);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw errors.payloadTooLarge(size);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonBody(text: string): unknown {
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw errors.badRequest('Exception while reading request', 'The payload is not valid JSON.');
  }
}
