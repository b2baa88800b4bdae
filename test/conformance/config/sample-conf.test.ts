// echo_supervisord_conf: our sample has Supervisor's sections and, read by Supervisor itself, the same effect.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_CONFIG } from '../../../src/config/sample-conf.js';
import { loadConfig } from '../../../src/config/index.js';
import { HAVE_SUPERVISOR, removeTree, supervisorDumps, writeTree } from './parity-helpers.js';

const REAL = '/usr/bin/echo_supervisord_conf';

/** Section headers, commented or not, in order. */
function headers(text: string): string[] {
  return text.split('\n').filter((l) => /^;?\[[^\]]+\]/.test(l)).map((l) => /\[[^\]]+\]/.exec(l)![0]);
}

test('same section headers as Supervisor sample', (t) => {
  if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
  const theirs = execFileSync(REAL, { encoding: 'utf8' });
  assert.deepEqual(headers(SAMPLE_CONFIG), headers(theirs));
});

test('Supervisor reads our sample exactly as it reads its own', (t) => {
  if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
  const theirs = execFileSync(REAL, { encoding: 'utf8' });
  const dir = writeTree({ 'ours.conf': SAMPLE_CONFIG, 'theirs.conf': theirs });
  try {
    const files = [path.join(dir, 'ours.conf'), path.join(dir, 'theirs.conf')];
    const [a, b] = supervisorDumps('server', files);
    assert.equal(a!.error, undefined);
    assert.deepEqual(a, b);
    const [ctlA, ctlB] = supervisorDumps('ctl', files);
    assert.deepEqual(ctlA, ctlB);
  } finally {
    removeTree(dir);
  }
});

test('our loader accepts the sample with the documented values', () => {
  const dir = writeTree({ 'sample.conf': SAMPLE_CONFIG });
  try {
    const c = loadConfig({ configFile: path.join(dir, 'sample.conf') });
    assert.equal(c.supervisord.logfile, '/tmp/supervisord.log');
    assert.equal(c.supervisord.pidfile, '/tmp/supervisord.pid');
    assert.deepEqual(c.servers.map((s) => s.file), ['/tmp/supervisor.sock']);
    assert.equal(c.supervisorctl?.serverurl, 'unix:///tmp/supervisor.sock');
    assert.deepEqual(c.rpcinterfaces.map((r) => r.name), ['supervisor']);
    assert.deepEqual(c.warnings, []);
  } finally {
    removeTree(dir);
  }
});

test('the echo_supervisord_conf entry prints the sample', () => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../../../src/cli/echo-supervisord-conf.ts', import.meta.url))], {
    encoding: 'utf8',
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
  });
  assert.equal(out, SAMPLE_CONFIG);
});
