/**
 * One ServiceNow session: the cookies the instance set (JSESSIONID, the load balancer's
 * BIGipServer* pin), sent back on every request so the instance reuses the session instead
 * of creating one per request. Never logged, never put in an error.
 */
export class Session {
  private readonly cookies = new Map<string, string>();

  /** The Cookie header to send, or undefined before the instance set any. */
  cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /**
   * Take the Set-Cookie headers of a response; an expired or emptied cookie is dropped.
   * Returns the values kept: a session cookie is a credential, so the client redacts them.
   */
  remember(setCookie: readonly string[]): string[] {
    const kept: string[] = [];
    for (const header of setCookie) {
      const [pair = '', ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a));
      if (!value || expired) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
        kept.push(value);
      }
    }
    return kept;
  }

  /** After a 401 the session is gone on the instance's side: start a new one. */
  forget(): void {
    this.cookies.clear();
  }
}
