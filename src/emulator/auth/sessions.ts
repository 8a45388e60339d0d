import { randomBytes } from 'node:crypto';

export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly createdAt: number;
}

/**
 * Sessions bound by the JSESSIONID cookie. A request with valid credentials and no (or another
 * user's) cookie starts a new session; a request with only a cookie continues its session.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  create(userId: string, now: number): Session {
    const session = { id: randomBytes(16).toString('hex').toUpperCase(), userId, createdAt: now };
    this.sessions.set(session.id, session);
    return session;
  }

  get(id: string | undefined): Session | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  /** Locking out or deactivating a user ends their sessions. */
  endForUser(userId: string): void {
    for (const [id, session] of this.sessions) if (session.userId === userId) this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  clear(): void {
    this.sessions.clear();
  }
}
