import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'orphan-maker.ts');

interface Report { pid: number; logs: string[]; ownExit: string; zombies: number[] }

function run(command: string, args: string[]): { report: Report | null; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: 60000, killSignal: 'SIGKILL' });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return { report: line.startsWith('{') ? (JSON.parse(line) as Report) : null, stderr: `${r.stderr}` };
}

function assertReaped(report: Report | null, stderr: string): void {
  assert.ok(report, `fixture produced no report: ${stderr}`);
  assert.equal(report.ownExit, 'exit status 7', 'our own child\'s status was not stolen');
  assert.equal(report.logs.length, 1, JSON.stringify(report.logs));
  assert.match(report.logs[0], /^reaped unknown pid \d+ \(exit status 5\)$/);
  assert.deepEqual(report.zombies, []);
}

test('as a child subreaper, orphans of our children are reaped and logged', () => {
  const { report, stderr } = run(process.execPath, ['--import', import.meta.resolve('tsx'), FIXTURE, 'subreaper']);
  assertReaped(report, stderr);
});

test('as PID 1 in a new pid namespace, orphans are reaped and no zombie remains', (t) => {
  const probe = spawnSync('unshare', ['--pid', '--fork', '--mount-proc', 'true']);
  if (probe.status !== 0) return t.skip('unshare --pid not permitted here');
  const { report, stderr } = run('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, '--import', import.meta.resolve('tsx'), FIXTURE, 'pid1']);
  assert.equal(report?.pid, 1, 'fixture ran as PID 1');
  assertReaped(report, stderr);
});
