// 10 sleeping programs and nothing to do: how much CPU does the daemon burn, how often does it wake up?
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sleepers } from '../lib/config.js';
import { waitAllRunning, withDaemon } from '../lib/daemon-run.js';
import { cpuNsFromSchedstat, voluntarySwitches } from '../lib/procfs.js';
import { sleep } from '../lib/poll.js';
import { round } from '../lib/stats.js';
import type { Column, Figures, Scenario, ScenarioContext } from '../lib/types.js';

const PROGRAMS = 10;

async function measure(column: Column, ctx: ScenarioContext): Promise<Figures> {
  const logs = join(ctx.dir, 'logs');
  mkdirSync(logs);
  const windowMs = ctx.quick ? 5000 : 30000;
  return withDaemon(column, ctx, sleepers(PROGRAMS, logs), async (daemon) => {
    await waitAllRunning(daemon, PROGRAMS, 60000);
    // let start-up work settle before the window opens: a Node daemon's heap is reduced by one V8 GC
    // burst about 8 s after start (measured), a one-off that is not idle behaviour; the quick window
    // (5 s after a 1 s pause) closes before it, the full one opens after it
    await sleep(ctx.quick ? 1000 : 10000);
    const cpuBefore = cpuNsFromSchedstat(daemon.pid);
    const wakeupsBefore = voluntarySwitches(daemon.pid);
    const started = performance.now();
    await sleep(windowMs);
    const elapsedMs = performance.now() - started;
    const cpuNs = cpuNsFromSchedstat(daemon.pid) - cpuBefore;
    const wakeups = voluntarySwitches(daemon.pid) - wakeupsBefore;
    return {
      cpu_pct: round((cpuNs / 1e6 / elapsedMs) * 100, 3),
      wakeups_s: round(wakeups / (elapsedMs / 1000), 2),
    };
  });
}

export const idleScenario: Scenario = {
  name: 'idle',
  title: `${PROGRAMS} sleeping programs: daemon CPU and wake-ups while nothing happens`,
  columns: ['supervisor-ts', 'supervisor', 'pm2'],
  metrics: (quick) => [
    { key: 'cpu_pct', label: `idle CPU over ${quick ? 5 : 30} s`, unit: '% of a core', better: 'lower' },
    { key: 'wakeups_s', label: 'idle wake-ups (all threads)', unit: '/s', better: 'lower' },
  ],
  run: (column, ctx) => (column === 'floor' ? Promise.reject(new Error('no floor')) : measure(column, ctx)),
};
