import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportExit, TOO_QUICKLY } from '../../../src/core/exit-report.js';

const ctx = { name: 'web', stopping: false, starting: false, uptime: 10, startsecs: 1, exitcodes: [0] };

test('stopping: stopped line, INFO when the status is expected, WARN otherwise', () => {
  assert.deepEqual(reportExit({ code: 0, signal: null }, { ...ctx, stopping: true }),
    { tooQuickly: false, exitstatus: 0, spawnerr: null, level: 'info', line: 'stopped: web (exit status 0)' });
  const r = reportExit({ code: null, signal: 'SIGTERM' }, { ...ctx, stopping: true });
  assert.equal(r.level, 'warn');
  assert.equal(r.line, 'stopped: web (terminated by SIGTERM)');
  assert.equal(r.exitstatus, -1);
});

test('dying before startsecs is too quick, whatever the code', () => {
  const r = reportExit({ code: 0, signal: null }, { ...ctx, starting: true, uptime: 0.5 });
  assert.equal(r.tooQuickly, true);
  assert.equal(r.exitstatus, null);
  assert.equal(r.spawnerr, TOO_QUICKLY);
  assert.equal(r.line, 'exited: web (exit status 0; not expected)');
});

test('a STARTING process that stayed up long enough exits normally', () => {
  const r = reportExit({ code: 0, signal: null }, { ...ctx, starting: true, uptime: 1.5 });
  assert.equal(r.tooQuickly, false);
  assert.equal(r.line, 'exited: web (exit status 0; expected)');
});

test('unexpected codes get Bad exit code; signals are never expected', () => {
  assert.deepEqual(reportExit({ code: 3, signal: null }, ctx),
    { tooQuickly: false, exitstatus: 3, spawnerr: 'Bad exit code 3', level: 'warn', line: 'exited: web (exit status 3; not expected)' });
  const s = reportExit({ code: null, signal: 'SIGKILL' }, { ...ctx, exitcodes: [0, 255] });
  assert.equal(s.line, 'exited: web (terminated by SIGKILL; not expected)');
  assert.equal(s.spawnerr, 'Bad exit code -1');
});

test('a clock that went back never makes an exit too quick', () => {
  const r = reportExit({ code: 0, signal: null }, { ...ctx, starting: true, uptime: -30 });
  assert.equal(r.tooQuickly, false);
});
