// Spawn N programs (startsecs=0) until all run; meanwhile, how soon does the control plane answer?
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleepers } from '../lib/config.js';
import { waitAllRunning, withDaemon } from '../lib/daemon-run.js';
import { childrenOf } from '../lib/procfs.js';
import { sleep, waitFor } from '../lib/poll.js';
import { round } from '../lib/stats.js';
import type { Column, DaemonHandle, Figures, MetricDef, Scenario, ScenarioContext } from '../lib/types.js';

const SLEEP_ARGV = ['/bin/sleep', '86400'];

function sizes(quick: boolean): number[] {
  return quick ? [200] : [200, 1000];
}

/** Children of the daemon that have already exec'd the program (a fork not yet exec'd does not count). */
function execedChildren(daemonPid: number): number {
  let count = 0;
  for (const pid of childrenOf(daemonPid)) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'latin1').startsWith('/bin/sleep\0')) count++;
    } catch {
      // exited meanwhile
    }
  }
  return count;
}

/** Pings until the first answer; the time is measured from the daemon's launch. */
async function firstAnswer(daemon: DaemonHandle, deadline: number): Promise<number> {
  while (performance.now() < deadline) {
    try {
      await daemon.ping();
      return performance.now() - daemon.launchedAt;
    } catch {
      await sleep(10);
    }
  }
  return Number.NaN;
}

async function daemonRun(column: Column, ctx: ScenarioContext, count: number): Promise<Figures> {
  const programs = sleepers(count, ctx.dir);
  const budgetMs = 60000 + count * 150;
  return withDaemon(
    column,
    ctx,
    programs,
    async (daemon) => {
      const deadline = daemon.launchedAt + budgetMs;
      const answered = firstAnswer(daemon, deadline);
      // reading /proc of every child costs CPU the daemon competes for: poll less often for more children
      const intervalMs = Math.max(20, count / 20);
      await waitFor(() => execedChildren(daemon.pid) >= count, { timeoutMs: budgetMs, intervalMs, what: `${count} children running` });
      const allRunning = performance.now() - daemon.launchedAt;
      const firstAnswerMs = await answered;
      // the daemon's own view must agree
      await waitAllRunning(daemon, count, 30000);
      return { [`all_running_s_${count}`]: round(allRunning / 1000, 3), [`first_answer_s_${count}`]: round(firstAnswerMs / 1000, 3) };
    },
    false,
  );
}

async function floorRun(ctx: ScenarioContext, count: number): Promise<Figures> {
  const children: ChildProcess[] = [];
  const started = performance.now();
  try {
    const spawned: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const child = spawn(SLEEP_ARGV[0], SLEEP_ARGV.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
      children.push(child);
      spawned.push(new Promise((resolve, reject) => {
        child.once('spawn', () => resolve());
        child.once('error', reject);
      }));
      if (child.pid) ctx.track(child.pid);
    }
    await Promise.all(spawned);
    const elapsed = performance.now() - started;
    return { [`all_running_s_${count}`]: round(elapsed / 1000, 3) };
  } finally {
    const exits = children.map((child) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()))));
    for (const child of children) child.kill('SIGKILL');
    await Promise.race([Promise.all(exits), sleep(10000)]);
  }
}

export const spawnScenario: Scenario = {
  name: 'spawn',
  title: 'spawn N programs (startsecs=0) until all RUNNING; first control-plane answer meanwhile',
  columns: ['supervisor-ts', 'supervisor', 'pm2', 'floor'],
  metrics: (quick) =>
    sizes(quick).flatMap((n): MetricDef[] => [
      { key: `all_running_s_${n}`, label: `spawn ${n}: all running`, unit: 's', better: 'lower' },
      { key: `first_answer_s_${n}`, label: `spawn ${n}: first answer`, unit: 's', better: 'lower' },
    ]),
  async run(column, ctx) {
    const figures: Figures = {};
    for (const count of sizes(ctx.quick)) {
      const dir = join(ctx.dir, String(count));
      const sub = { ...ctx, dir };
      mkdirSync(dir, { recursive: true });
      Object.assign(figures, column === 'floor' ? await floorRun(sub, count) : await daemonRun(column, sub, count));
    }
    return figures;
  },
};
