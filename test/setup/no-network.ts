import nock from 'nock';
import { afterEach } from 'vitest';

// Tests never reach the network: only loopback (the in-process emulator) is allowed.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));

// Test files share a process (vitest's isolate is off): no interceptor outlives the test that
// set it up, whichever helpers a file imports.
afterEach(() => {
  nock.cleanAll();
});
