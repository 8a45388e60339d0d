import type { SnacConfig } from '../model/config.js';
import { checkInstanceUrl } from '../servicenow/allowed-hosts.js';
import { connectionFromEnv, credentialsFromEnv, resolveCredentials, type Credentials, type Env } from '../servicenow/credentials.js';
import { UsageError } from './command.js';

/** The instance a command talks to, with credentials resolved from the environment. */
export interface Target {
  /** Its name in snac.yaml, when it has one. */
  readonly name?: string;
  readonly url: string;
  /** Host name only: what plans and comments show. */
  readonly host: string;
  readonly credentials: Credentials;
  /** snac's own account on it (never pruned or stripped). */
  readonly reconciler?: string;
  /** The user the credentials sign in as (Basic, or OAuth's password grant): protected too. */
  readonly signedInAs?: string;
}

/** The user_name a set of credentials signs in as; unknown for the client credentials grant. */
export function signedInAs(credentials: Credentials): { signedInAs?: string } {
  return 'username' in credentials && credentials.username ? { signedInAs: credentials.username } : {};
}

export interface TargetFlags {
  readonly instance?: string | undefined;
  readonly instanceUrl?: string | undefined;
}

/**
 * --instance-url wins (one-off credentials from SNAC_USERNAME / SNAC_PASSWORD or the OAuth
 * pair); then --instance by its snac.yaml name; then the only instance snac.yaml declares; then
 * SNAC_INSTANCE_URL. Anything else is a usage error naming the choices. Wherever the URL comes
 * from, it must be one credentials may be sent to (allowed-hosts.ts), checked before they are read.
 */
export function resolveTarget(config: SnacConfig, flags: TargetFlags, env: Env): Target {
  if (flags.instanceUrl !== undefined) {
    checkInstanceUrl(flags.instanceUrl, env, '--instance-url');
    return oneOff(flags.instanceUrl, credentialsFromEnv(env), env);
  }
  const names = config.instances.map((i) => i.name);
  const chosen = flags.instance !== undefined ? config.instances.find((i) => i.name === flags.instance) : config.instances.length === 1 ? config.instances[0] : undefined;
  if (flags.instance !== undefined && chosen === undefined) {
    throw new UsageError(`instance "${flags.instance}" is not in snac.yaml (known: ${names.join(', ') || 'none'}); add it there or pass --instance-url`);
  }
  if (chosen !== undefined) {
    checkInstanceUrl(chosen.url, env, `snac.yaml instance "${chosen.name}"`);
    const credentials = resolveCredentials(chosen.auth, env);
    return {
      name: chosen.name,
      url: chosen.url,
      host: hostOf(chosen.url),
      credentials,
      ...signedInAs(credentials),
      ...(chosen.reconciler === undefined ? {} : { reconciler: chosen.reconciler }),
    };
  }
  if (env['SNAC_INSTANCE_URL']) {
    checkInstanceUrl(env['SNAC_INSTANCE_URL'], env, 'SNAC_INSTANCE_URL');
    const { url, credentials } = connectionFromEnv(env);
    return oneOff(url, credentials, env);
  }
  throw new UsageError(
    names.length === 0
      ? 'no instance to talk to: pass --instance-url URL, set SNAC_INSTANCE_URL, or declare instances in snac.yaml'
      : `snac.yaml declares several instances (${names.join(', ')}): choose one with --instance`,
  );
}

function oneOff(url: string, credentials: Credentials, env: Env): Target {
  const reconciler = env['SNAC_RECONCILER'];
  return { url, host: hostOf(url), credentials, ...signedInAs(credentials), ...(reconciler ? { reconciler } : {}) };
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    throw new UsageError(`"${url}" is not a URL; an instance URL looks like https://<name>.service-now.com`);
  }
}
