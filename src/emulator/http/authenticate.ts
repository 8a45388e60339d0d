import type { IncomingMessage } from 'node:http';
import type { Actor } from '../actor.js';
import { actorFor, checkPassword, startSession, usable } from '../auth/users.js';
import type { Emulator } from '../emulator.js';
import { errors } from '../errors.js';

export interface Authenticated {
  readonly actor: Actor;
  readonly sessionId: string;
  /** True when this request started the session (the response sets the JSESSIONID cookie). */
  readonly newSession: boolean;
}

export function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function basicCredentials(header: string): { userName: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { userName: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Who is calling. Credentials are always verified when sent (even with a session cookie);
 * a bearer token must be unexpired and its user still active and not locked out; a cookie alone
 * continues its session while the user stays usable. Every failure is the same 401.
 */
export function authenticate(emulator: Emulator, request: IncomingMessage): Authenticated {
  const { instance, sessions, tokens } = emulator;
  const now = instance.clock.now();
  const header = request.headers.authorization;
  const existing = sessions.get(cookie(request, 'JSESSIONID'));

  let userId: string | undefined;
  if (header) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (bearer) {
      userId = tokens.validAccess(bearer[1] ?? '', now)?.userId;
    } else {
      const credentials = basicCredentials(header);
      if (credentials) {
        const login = checkPassword(instance, credentials.userName, credentials.password);
        if (login.ok) {
          const interactive = login.user.values['web_service_access_only'] !== 'true';
          if (!(instance.settings.basicAuthNonInteractiveOnly && interactive)) userId = login.user.values['sys_id'];
        }
      }
    }
  } else if (existing) {
    userId = existing.userId;
  }
  const user = userId ? instance.get('sys_user', userId) : undefined;
  if (!user || usable(user)) {
    if (userId) sessions.endForUser(userId);
    throw errors.notAuthenticated();
  }
  if (existing && existing.userId === userId) {
    return { actor: actorFor(instance, user), sessionId: existing.id, newSession: false };
  }
  const session = sessions.create(userId ?? '', now);
  return { actor: startSession(instance, user), sessionId: session.id, newSession: true };
}
