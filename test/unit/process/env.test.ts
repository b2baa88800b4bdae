import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChildEnv, configEnvironment } from '../../../src/process/env.js';

test('child env layers: base < SUPERVISOR_* < supervisord env_file < supervisord environment < program env_file < program environment', () => {
  const env = buildChildEnv({
    baseEnvironment: { HOME: '/root', V: 'base', SUPERVISOR_ENABLED: 'spoofed' },
    serverUrl: 'unix:///tmp/s.sock',
    processName: 'web_01',
    groupName: 'web',
    supervisordEnvFile: { V: 'sd-file', A: 'sd-file' },
    supervisordEnvironment: { V: 'sd-env', B: 'sd-env' },
    programEnvFile: { V: 'prog-file', C: 'prog-file', A: 'prog-file' },
    programEnvironment: { V: 'prog-env' },
  });
  assert.deepEqual(env, {
    HOME: '/root', V: 'prog-env', A: 'prog-file', B: 'sd-env', C: 'prog-file',
    SUPERVISOR_ENABLED: '1', SUPERVISOR_SERVER_URL: 'unix:///tmp/s.sock',
    SUPERVISOR_PROCESS_NAME: 'web_01', SUPERVISOR_GROUP_NAME: 'web',
  });
});

test('config environment can override SUPERVISOR_* (later wins, as in Supervisor)', () => {
  const env = buildChildEnv({ baseEnvironment: {}, serverUrl: null, processName: 'p', groupName: 'g', programEnvironment: { SUPERVISOR_PROCESS_NAME: 'x' } });
  assert.equal(env.SUPERVISOR_PROCESS_NAME, 'x');
  assert.equal('SUPERVISOR_SERVER_URL' in env, false, 'no server url when no server is configured');
});

test('configEnvironment is null when nothing is configured, else the merged layers', () => {
  assert.equal(configEnvironment({}), null);
  assert.equal(configEnvironment({ programEnvironment: null, supervisordEnvironment: null }), null);
  assert.deepEqual(configEnvironment({ supervisordEnvironment: { PATH: '/a' }, programEnvironment: { X: '1' } }), { PATH: '/a', X: '1' });
});
