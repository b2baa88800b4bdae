import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from './spawn-helpers.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'daemon.ts');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('daemon mode: foreground exits 0 once the detached daemon is ready; startup output reaches the terminal', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'daemon-'));
  const pidfile = join(dir, 'pid');
  let daemonPid = 0;
  try {
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), FIXTURE, pidfile, 'ok'], { encoding: 'utf8', timeout: 60000 });
    daemonPid = Number(readFileSync(pidfile, 'utf8').trim());
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'starting, marker visible: no\n');
    assert.ok(alive(daemonPid), 'daemon still running');
    const stat = readFileSync(`/proc/${daemonPid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    assert.equal(Number(fields[3]), daemonPid, 'daemon is a session leader (setsid)');
    assert.equal(readlinkSync(`/proc/${daemonPid}/fd/1`), '/dev/null');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(alive(daemonPid), 'writing to the detached stdout does not kill it');
  } finally {
    if (daemonPid) {
      try { process.kill(daemonPid, 'SIGKILL'); } catch { /* gone */ }
      await waitFor(() => !alive(daemonPid), 5000, 'daemon to die').catch(() => undefined);
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

test('daemon mode: a startup failure is printed by the foreground process, which exits with its code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'daemon-'));
  try {
    const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), FIXTURE, join(dir, 'pid'), 'fail'], { encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'Error: Another program is already listening\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
