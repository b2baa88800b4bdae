// End to end: the runner against the real Supervisor on the cheapest scenario, JSON and table included.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const REPO = join(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'bench-smoke-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function runBench(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args], { cwd: REPO, timeout: 120000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('bad options exit 2 with the reason', async () => {
  const result = await runBench(['--scenario', 'nope']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /unknown scenario nope/);
});

test('quick idle run against Supervisor: header, table, JSON, no leaks', async (t) => {
  if (!existsSync('/usr/bin/supervisord')) {
    t.skip('/usr/bin/supervisord is missing');
    return;
  }
  const json = join(dir, 'out.json');
  const result = await runBench(['--quick', '--scenario', 'idle', '--columns', 'supervisor', '--json', json]);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /machine: \d+ cores/);
  assert.match(result.stdout, /versions: node v\d+.*supervisor 4\.2\.5/);
  assert.match(result.stdout, /\| idle +\| idle CPU over 5 s \(% of a core, lower is better\) +\| [0-9.]+ \(1\.00×\)/);
  assert.match(result.stdout, /\| idle +\| leaked processes \(count, lower is better\) +\| 0 /);
  const raw = JSON.parse(readFileSync(json, 'utf8')) as { records: { scenario: string; column: string; figures: Record<string, number>; error: string | null; leaked: number[] }[] };
  assert.equal(raw.records.length, 1);
  assert.equal(raw.records[0].error, null);
  assert.deepEqual(raw.records[0].leaked, []);
  assert.ok(raw.records[0].figures.wakeups_s >= 0);
});
