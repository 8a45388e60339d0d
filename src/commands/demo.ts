import { Emulator } from '../emulator/emulator.js';
import { startEmulatorServer } from '../emulator/http/server.js';
import { SEED_CREDENTIALS } from '../emulator/seeds/empty.js';
import { EXIT, type Command } from './command.js';

const usage = `Usage: snac demo

Starts the embedded ServiceNow emulator with its demo company on a free local port and lists
the instance's service accounts (non-interactive users) the way snac reads them: through the
Table API, as the reconciler account svc_snac.`;

interface UserRow {
  user_name: string;
  name: string;
  active: string;
  locked_out: string;
  manager: string;
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

export const demoCommand: Command = {
  name: 'demo',
  summary: 'run the main job against the embedded emulator (demo company)',
  usage,
  async run(_argv, io) {
    const running = await startEmulatorServer(new Emulator({ seed: 'demo' }));
    try {
      io.stdout.write(`snac demo: emulator with the demo company at ${running.url}\n\n`);
      const { userName, password } = SEED_CREDENTIALS.reconciler;
      const query = new URLSearchParams({
        sysparm_query: 'web_service_access_only=true^ORDERBYuser_name',
        sysparm_fields: 'user_name,name,active,locked_out,manager',
        sysparm_display_value: 'true',
        sysparm_exclude_reference_link: 'true',
      });
      const response = await fetch(`${running.url}/api/now/table/sys_user?${query}`, {
        headers: { Accept: 'application/json', Authorization: `Basic ${Buffer.from(`${userName}:${password}`).toString('base64')}` },
      });
      if (!response.ok) throw new Error(`the emulator answered ${response.status} to the service account query`);
      const { result } = (await response.json()) as { result: UserRow[] };
      const rows = [['USER NAME', 'NAME', 'ACTIVE', 'LOCKED OUT', 'OWNER (manager)']];
      for (const u of result) rows.push([u.user_name, u.name, u.active, u.locked_out, u.manager || '(none)']);
      io.stdout.write(`Service accounts (web_service_access_only=true): ${result.length}\n\n${table(rows)}\n`);
      return EXIT.ok;
    } finally {
      await running.close();
    }
  },
};
