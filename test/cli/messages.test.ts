import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { REPO_ROOT } from '../config/project.js';
import { startInstance, type TestInstance } from '../support/emulator.js';
import { captureIo } from '../support/io.js';

let sn: TestInstance;
beforeAll(async () => {
  sn = await startInstance({ seed: 'empty' });
});
afterAll(() => sn.close());

async function snac(...argv: string[]) {
  const io = captureIo({ SNAC_INSTANCE_URL: 'http://127.0.0.1:9', SNAC_USERNAME: 'u', SNAC_PASSWORD: 'p' }, REPO_ROOT);
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

async function planAt(url: string) {
  const io = captureIo({ SNAC_USERNAME: 'svc_snac', SNAC_PASSWORD: 'snac' }, REPO_ROOT);
  const code = await main(['plan', '--instance-url', url], io);
  return { code, err: io.err() };
}

const CODES = 'too-many-prunes, too-many-changes, min-admins, interactive-account, irreversible-setting, needs-elevation, assignable-by';

describe('messages a newcomer meets', () => {
  it.each([['plan'], ['apply', '--auto-approve'], ['drift']])('snac %s rejects an --allow code that does not exist, listing the ones that do', async (verb, ...flags) => {
    const result = await snac(verb, ...flags, '--allow', 'too-many-prune');
    expect(result.code).toBe(1);
    expect(result.err.split('\n')[0]).toBe(`snac ${verb}: --allow too-many-prune: no safety finding has that code; the codes --allow takes are ${CODES}`);
  });

  it('says why unknown-role cannot be allowed', async () => {
    const result = await snac('plan', '--allow', 'unknown-role');
    expect(result.err.split('\n')[0]).toBe(`snac plan: unknown-role cannot be allowed: the instance has no such role, so no apply could grant it: install the plugin that ships the role, declare it as a Role, or fix the name; the codes --allow takes are ${CODES}`);
  });

  it('names a TLS mismatch (https spoken to a plain http server) for what it is, after one attempt', async () => {
    const port = new URL(sn.url).port;
    const result = await planAt(`https://127.0.0.1:${port}`);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`^snac plan: GET sys_\\w+ on 127\\.0\\.0\\.1:${port} could not start TLS \\((EPROTO|ERR_SSL_WRONG_VERSION_NUMBER)\\): what answers there does not speak https: check the URL's scheme and port: an instance answers https://<name>\\.service-now\\.com, a local emulator http://127\\.0\\.0\\.1:<port>\\n$`));
  });
});
