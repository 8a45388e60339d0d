import type { ServerResponse } from 'node:http';

/** Drop the connection at once: the client sees a reset (ECONNRESET / "socket hang up"). */
export function resetConnection(response: ServerResponse): void {
  response.socket?.destroy();
}

/**
 * Answer nothing until the client gives up (it closes the connection) or `ms` pass, then drop the
 * connection. Real wall-clock time on purpose: it is the client's timeout that is being tested.
 */
export function holdThenDrop(response: ServerResponse, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const drop = () => {
      clearTimeout(timer);
      response.socket?.destroy();
      resolve();
    };
    const timer = setTimeout(drop, ms);
    response.once('close', drop);
  });
}
