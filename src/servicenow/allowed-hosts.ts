import { SnacError } from '../diagnostics.js';
import type { Env } from './credentials.js';

/** Where credentials may go unless the workflow says otherwise: ServiceNow's own domain. */
export const DEFAULT_ALLOWED_HOSTS = '*.service-now.com';

/** A local emulator: plain http is allowed there, and nowhere else. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function matches(host: string, pattern: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  return p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
}

/**
 * Credentials go only to instances the workflow allows: https, no user name or password in the
 * URL, and a host that SNAC_ALLOWED_HOSTS names (comma-separated; `*.example.com` for its
 * subdomains; default *.service-now.com). A loopback emulator is always allowed, over http too.
 * snac.yaml comes from the pull request, so it alone must not choose where a secret is sent.
 */
export function checkInstanceUrl(url: string, env: Env, where: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SnacError(`${where}: "${url}" is not a URL`, 'instance-url', 'an instance URL looks like https://<name>.service-now.com');
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (parsed.username !== '' || parsed.password !== '') {
    throw new SnacError(`${where}: the instance URL carries a user name or password`, 'instance-url', 'remove them from the URL: credentials come only from SNAC_* environment variables');
  }
  if (LOOPBACK.has(host) && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) return;
  if (parsed.protocol !== 'https:') {
    throw new SnacError(`${where}: ${parsed.origin} is not https: credentials are never sent in clear text`, 'instance-url', 'use the instance\'s https:// URL (plain http is only for a local emulator on 127.0.0.1)');
  }
  const allowed = (env['SNAC_ALLOWED_HOSTS'] || DEFAULT_ALLOWED_HOSTS).split(/[\s,]+/).filter((p) => p !== '');
  if (!allowed.some((pattern) => matches(host, pattern))) {
    throw new SnacError(
      `${where}: ${host} is not an allowed instance host (SNAC_ALLOWED_HOSTS: ${allowed.join(', ')}); no credentials were sent`,
      'instance-host',
      'use your instance\'s URL, or add its host to SNAC_ALLOWED_HOSTS in the workflow (comma-separated, *.example.com for its subdomains)',
    );
  }
}
