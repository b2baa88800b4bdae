import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { PidTracker } from '../../../bench/lib/tracker.js';
import { childrenOf, cpuMsFromStat, isRunning, rssKiB, voluntarySwitches } from '../../../bench/lib/procfs.js';
import { waitFor } from '../../../bench/lib/poll.js';

test('a grandchild left running is reported as a leak and ended by pid', async (t) => {
  // sh starts a sleeper in the background and exits: the sleeper outlives its parent
  const shell = spawn('/bin/sh', ['-c', 'sleep 30 & sleep 30; exit 0'], { stdio: 'ignore' });
  const pids: number[] = [];
  t.after(() => PidTracker.kill([...pids, shell.pid ?? 0].filter((p) => p > 0)));
  const tracker = new PidTracker();
  tracker.trackTree(shell.pid ?? 0);
  const kids = await waitFor(() => (childrenOf(shell.pid ?? 0).length === 2 ? childrenOf(shell.pid ?? 0) : false), { timeoutMs: 5000, what: 'two sleepers' });
  pids.push(...kids);
  tracker.sample();
  const leaks = await tracker.leaks(100);
  assert.deepEqual(new Set(leaks), new Set([shell.pid, ...kids]));
  PidTracker.kill(leaks);
  await waitFor(() => kids.every((pid) => !isRunning(pid)), { timeoutMs: 5000, what: 'sleepers to end' });
});

test('procfs readers give figures for this very process', () => {
  assert.ok(rssKiB(process.pid) > 1000);
  assert.ok(cpuMsFromStat(process.pid) > 0);
  assert.ok(voluntarySwitches(process.pid) > 0);
  assert.ok(Number.isNaN(rssKiB(2 ** 30)));
});
