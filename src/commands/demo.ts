import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { Emulator } from '../emulator/emulator.js';
import { startEmulatorServer } from '../emulator/http/server.js';
import { SEED_CREDENTIALS } from '../emulator/seeds/empty.js';
import { formatDiagnostic } from '../diagnostics.js';
import { renderText } from '../render/text.js';
import { EXIT, type Command } from './command.js';
import { computePlan } from './compute-plan.js';

const usage = `Usage: snac demo [--dir accounts]

The main job, on the embedded emulator: starts a local ServiceNow instance holding the demo
company (Acme: ~300 people, 31 service accounts in every state that breaks integrations),
then plans the declarations in accounts/ against it as snac's own least-privileged account
svc_snac, exactly as CI does on a pull request. Nothing is written.

Then try: snac emulator --seed demo (in another terminal), and
  SNAC_USERNAME=svc_snac SNAC_PASSWORD=snac snac plan --instance demo`;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'plan accounts/ against the embedded emulator (demo company)',
  usage,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { dir: { type: 'string' } }, strict: true });
    const running = await startEmulatorServer(new Emulator({ seed: 'demo' }));
    try {
      io.stdout.write(`snac demo: the demo company is running at ${running.url}; planning accounts/ against it as svc_snac\n\n`);
      const { userName, password } = SEED_CREDENTIALS.reconciler;
      const outcome = await computePlan(
        { ...io, env: { ...io.env, SNAC_USERNAME: userName, SNAC_PASSWORD: password, SNAC_RECONCILER: userName, SNAC_CLIENT_ID: '', SNAC_CLIENT_SECRET: '' } },
        { dir: resolve(io.cwd, values.dir ?? 'accounts'), target: { instanceUrl: running.url }, allow: [] },
      );
      if (outcome.kind === 'invalid') {
        for (const d of outcome.diagnostics) io.stderr.write(`${formatDiagnostic(d)}\n`);
        return EXIT.error;
      }
      io.stdout.write(renderText(outcome.plan, { color: Boolean(io.stdout.isTTY) && !io.env['NO_COLOR'], instanceName: 'demo' }));
      io.stdout.write(`\n${outcome.api.log.summary()}\n`);
      return EXIT.ok;
    } finally {
      await running.close();
    }
  },
};
