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

test('under a storm of exits, own statuses are never stolen and every orphan is reaped', () => {
  const count = 20;
  const storm = join(import.meta.dirname, 'fixtures', 'orphan-storm.ts');
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), storm, String(count)], { encoding: 'utf8', timeout: 60000, killSignal: 'SIGKILL' });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  assert.ok(line.startsWith('{'), r.stderr);
  const { exits, logs } = JSON.parse(line) as { exits: string[]; logs: string[] };
  assert.deepEqual(exits.sort(), Array.from({ length: count }, (_, i) => `${i}:exit status ${i}`).sort());
  const reapedCodes = logs.map((m) => Number(/\(exit status (\d+)\)$/.exec(m)?.[1])).sort((a, b) => a - b);
  assert.deepEqual(reapedCodes, Array.from({ length: count }, (_, i) => 50 + i));
});
