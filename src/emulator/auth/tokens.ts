import { randomBytes } from 'node:crypto';

export interface Token {
  readonly value: string;
  readonly userId: string;
  readonly clientId: string;
  readonly expiresAt: number;
}

/** Issued OAuth access and refresh tokens (oauth_credential on a real instance), in memory. */
export class TokenStore {
  private readonly access = new Map<string, Token>();
  private readonly refresh = new Map<string, Token>();

  issueAccess(userId: string, clientId: string, expiresAt: number): Token {
    const token = { value: newToken(), userId, clientId, expiresAt };
    this.access.set(token.value, token);
    return token;
  }

  issueRefresh(userId: string, clientId: string, expiresAt: number): Token {
    const token = { value: newToken(), userId, clientId, expiresAt };
    this.refresh.set(token.value, token);
    return token;
  }

  /** A still-valid access token of this client for this user: the password grant returns it again. */
  reusable(userId: string, clientId: string, now: number): Token | undefined {
    for (const token of this.access.values()) {
      if (token.userId === userId && token.clientId === clientId && token.expiresAt > now) return token;
    }
    return undefined;
  }

  validAccess(value: string, now: number): Token | undefined {
    const token = this.access.get(value);
    return token && token.expiresAt > now ? token : undefined;
  }

  validRefresh(value: string, clientId: string, now: number): Token | undefined {
    const token = this.refresh.get(value);
    return token && token.clientId === clientId && token.expiresAt > now ? token : undefined;
  }

  revokeUser(userId: string): void {
    for (const map of [this.access, this.refresh]) {
      for (const [key, token] of map) if (token.userId === userId) map.delete(key);
    }
  }

  clear(): void {
    this.access.clear();
    this.refresh.clear();
  }
}

/** ServiceNow tokens are opaque strings of URL-safe characters. */
function newToken(): string {
  return randomBytes(48).toString('base64url');
}
