import nock from 'nock';

// Tests never reach the network: only loopback (the in-process emulator) is allowed.
nock.disableNetConnect();
nock.enableNetConnect((host) => /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(host));
