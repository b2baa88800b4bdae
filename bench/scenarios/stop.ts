// Stop 200 programs (stopAllProcesses); then SIGTERM to the daemon until it and every child are gone.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sleepers } from '../lib/config.js';
import { waitAllRunning, withDaemon } from '../lib/daemon-run.js';
import { descendantsOf, isRunning } from '../lib/procfs.js';
import { waitFor } from '../lib/poll.js';
import { round } from '../lib/stats.js';
import type { Column, Figures, Scenario, ScenarioContext } from '../lib/types.js';

const PROGRAMS = 200;
const SIGTERM_BUDGET_MS = 90000;

async function measure(column: Column, ctx: ScenarioContext): Promise<Figures> {
  const logs = join(ctx.dir, 'logs');
  mkdirSync(logs);
  const programs = sleepers(PROGRAMS, logs);
  let sigtermMs = Number.NaN;
  const stopAllMs = await withDaemon(column, ctx, programs, async (daemon) => {
    await waitAllRunning(daemon, PROGRAMS, 120000);
    const started = performance.now();
    await daemon.stopAll();
    const elapsed = performance.now() - started;
    const stillRunning = (await daemon.listAll()).filter((p) => p.state === 'RUNNING' || p.state === 'STOPPING').length;
    if (stillRunning > 0) throw new Error(`stopAllProcesses returned with ${stillRunning} processes still running`);

    await daemon.startAll();
    await waitAllRunning(daemon, PROGRAMS, 120000);
    const everyone = [daemon.pid, ...descendantsOf(daemon.pid)];
    everyone.forEach((pid) => ctx.track(pid));
    // drop our control connection first: the daemon going away under a live client is not what is measured
    daemon.release();
    const signalled = performance.now();
    process.kill(daemon.pid, 'SIGTERM');
    let left = everyone.length;
    await waitFor(
      () => {
        left = everyone.filter(isRunning).length;
        return left === 0;
      },
      { timeoutMs: SIGTERM_BUDGET_MS, intervalMs: 5, what: 'the daemon and its children to exit after SIGTERM' },
    ).catch((err: Error) => {
      ctx.note(`SIGTERM: ${left} of ${everyone.length} processes still running after ${SIGTERM_BUDGET_MS} ms`);
      throw err;
    });
    sigtermMs = performance.now() - signalled;
    return elapsed;
  });
  return { stop_all_s: round(stopAllMs / 1000, 3), sigterm_s: round(sigtermMs / 1000, 3) };
}

export const stopScenario: Scenario = {
  name: 'stop',
  title: `stop ${PROGRAMS} programs; SIGTERM the daemon until it and its children are gone`,
  columns: ['supervisor-ts', 'supervisor', 'pm2'],
  metrics: () => [
    { key: 'stop_all_s', label: `stopAllProcesses (${PROGRAMS})`, unit: 's', better: 'lower' },
    { key: 'sigterm_s', label: 'SIGTERM until all gone', unit: 's', better: 'lower' },
  ],
  run: (column, ctx) => (column === 'floor' ? Promise.reject(new Error('no floor')) : measure(column, ctx)),
};
