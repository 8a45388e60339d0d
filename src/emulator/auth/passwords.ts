import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * sys_user.user_password is a one-way hash. The emulator's format is its own (`$e$salt$hash`, a
 * salted SHA-256: fast enough for seeds of thousands of users); it is never returned by the API.
 */
export function hashPassword(plain: string): string {
  const salt = randomBytes(8).toString('hex');
  return `$e$${salt}$${digest(salt, plain)}`;
}

export function verifyPassword(stored: string, plain: string): boolean {
  const [, scheme, salt, hash] = stored.split('$');
  if (scheme !== 'e' || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'hex');
  const actual = Buffer.from(digest(salt, plain), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function digest(salt: string, plain: string): string {
  return createHash('sha256').update(`${salt}:${plain}`).digest('hex');
}
