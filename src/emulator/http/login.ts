import type { IncomingMessage } from 'node:http';
import { checkPassword, startSession } from '../auth/users.js';
import type { Emulator } from '../emulator.js';
import { readBody } from './body.js';
import type { Reply } from './respond.js';

const loginPage = (message: string): Reply => ({
  status: 200,
  headers: { 'Content-Type': 'text/html;charset=UTF-8' },
  body: `<!DOCTYPE html><html><body><form action="login.do" method="post"><div class="outputmsg_error">${message}</div></form></body></html>`,
});

/**
 * The UI login form (POST /login.do, user_name and user_password). Non-interactive users
 * (web_service_access_only) are refused here while their credentials keep working on the API.
 */
export async function handleUiLogin(emulator: Emulator, request: IncomingMessage): Promise<Reply> {
  if (request.method !== 'POST') return loginPage('');
  const form = new URLSearchParams(await readBody(request));
  const login = checkPassword(emulator.instance, form.get('user_name') ?? '', form.get('user_password') ?? '');
  if (!login.ok || login.user.values['web_service_access_only'] === 'true') return loginPage('User name or password invalid');
  startSession(emulator.instance, login.user);
  const session = emulator.sessions.create(login.user.values['sys_id'] ?? '', emulator.instance.clock.now());
  return {
    status: 302,
    headers: { Location: '/navpage.do', 'Set-Cookie': `JSESSIONID=${session.id}; Path=/; HttpOnly` },
  };
}
