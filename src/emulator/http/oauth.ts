import type { IncomingMessage } from 'node:http';
import { checkPassword, usable } from '../auth/users.js';
import type { Emulator } from '../emulator.js';
import type { Row } from '../store.js';
import { readBody } from './body.js';
import { json, type Reply } from './respond.js';

/** Every token endpoint failure looks the same on a real instance (SERVICENOW.md §2.2). */
const denied: Reply = json(401, { error_description: 'access_denied', error: 'server_error' });

function property(emulator: Emulator, name: string): string | undefined {
  return emulator.instance.findBy('sys_properties', 'name', name)?.values['value'];
}

function lifespan(client: Row, field: 'access_token_lifespan' | 'refresh_token_lifespan', fallback: number): number {
  const seconds = Number(client.values[field] || fallback);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : fallback;
}

/**
 * POST /oauth_token.do (form-encoded): the password, refresh_token and client_credentials grants.
 * The password grant returns the same access token while it is valid; client_credentials needs
 * glide.oauth.inbound.client.credential.grant_type.enabled=true and an application user, and
 * carries no refresh token.
 */
export async function handleOAuthToken(emulator: Emulator, request: IncomingMessage): Promise<Reply> {
  if (request.method !== 'POST') return denied;
  const contentType = request.headers['content-type'] ?? '';
  const text = await readBody(request);
  if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) return denied;
  const form = new URLSearchParams(text);
  const { instance, tokens } = emulator;
  const now = instance.clock.now();

  const client = instance.findBy('oauth_entity', 'client_id', form.get('client_id') ?? '');
  if (!client || client.values['active'] !== 'true' || client.values['client_secret'] !== (form.get('client_secret') ?? '')) {
    return denied;
  }
  const clientId = client.values['client_id'] ?? '';
  const accessSeconds = lifespan(client, 'access_token_lifespan', 1800);
  const grant = form.get('grant_type');

  const issue = (user: Row, withRefresh: boolean): Reply => {
    const userId = user.values['sys_id'] ?? '';
    const access = tokens.reusable(userId, clientId, now) ?? tokens.issueAccess(userId, clientId, now + accessSeconds * 1000);
    const body: Record<string, string | number> = {
      access_token: access.value,
      scope: 'useraccount',
      token_type: 'Bearer',
      expires_in: Math.max(0, Math.floor((access.expiresAt - now) / 1000) - 1),
    };
    if (withRefresh) {
      const refreshSeconds = lifespan(client, 'refresh_token_lifespan', 8_640_000);
      body['refresh_token'] = tokens.issueRefresh(userId, clientId, now + refreshSeconds * 1000).value;
    }
    return json(200, body);
  };

  if (grant === 'password') {
    if (property(emulator, 'glide.oauth.inbound.ropc.grant_type.disabled') === 'true') return denied;
    const login = checkPassword(instance, form.get('username') ?? '', form.get('password') ?? '');
    return login.ok ? issue(login.user, true) : denied;
  }
  if (grant === 'refresh_token') {
    const refresh = tokens.validRefresh(form.get('refresh_token') ?? '', clientId, now);
    const user = refresh ? instance.get('sys_user', refresh.userId) : undefined;
    if (!user || usable(user)) return denied;
    const access = tokens.issueAccess(user.values['sys_id'] ?? '', clientId, now + accessSeconds * 1000);
    return json(200, { access_token: access.value, scope: 'useraccount', token_type: 'Bearer', expires_in: accessSeconds - 1 });
  }
  if (grant === 'client_credentials') {
    if (property(emulator, 'glide.oauth.inbound.client.credential.grant_type.enabled') !== 'true') return denied;
    const user = client.values['application_user'] ? instance.get('sys_user', client.values['application_user']) : undefined;
    if (!user || usable(user)) return denied;
    return issue(user, false);
  }
  return denied;
}
