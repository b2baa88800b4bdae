// Daemon RSS with 10 and with 200 programs, and what each extra program costs.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { sleepers } from '../lib/config.js';
import { waitAllRunning, withDaemon } from '../lib/daemon-run.js';
import { rssKiB } from '../lib/procfs.js';
import { sleep } from '../lib/poll.js';
import { round } from '../lib/stats.js';
import type { Column, Figures, Scenario, ScenarioContext } from '../lib/types.js';

const SMALL = 10;
const LARGE = 200;

async function rssWith(column: Column, ctx: ScenarioContext, count: number): Promise<number> {
  const dir = join(ctx.dir, String(count));
  mkdirSync(dir);
  return withDaemon(column, { ...ctx, dir }, sleepers(count, dir), async (daemon) => {
    await waitAllRunning(daemon, count, 120000);
    await sleep(1000);
    return rssKiB(daemon.pid);
  });
}

/** The floor: an idle Node process, what any Node-based daemon starts from. */
async function bareNode(ctx: ScenarioContext): Promise<Figures> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e9)'], { stdio: 'ignore' });
  if (child.pid) ctx.track(child.pid);
  try {
    await sleep(1000);
    return { rss_mib_10: round(rssKiB(child.pid ?? 0) / 1024, 1) };
  } finally {
    child.kill('SIGKILL');
  }
}

async function measure(column: Column, ctx: ScenarioContext): Promise<Figures> {
  const small = await rssWith(column, ctx, SMALL);
  const large = await rssWith(column, ctx, LARGE);
  return {
    rss_mib_10: round(small / 1024, 1),
    rss_mib_200: round(large / 1024, 1),
    kib_per_program: round((large - small) / (LARGE - SMALL), 1),
  };
}

export const memoryScenario: Scenario = {
  name: 'memory',
  title: `daemon RSS with ${SMALL} and ${LARGE} programs`,
  columns: ['supervisor-ts', 'supervisor', 'pm2', 'floor'],
  metrics: () => [
    { key: 'rss_mib_10', label: `RSS with ${SMALL} programs`, unit: 'MiB', better: 'lower' },
    { key: 'rss_mib_200', label: `RSS with ${LARGE} programs`, unit: 'MiB', better: 'lower' },
    { key: 'kib_per_program', label: 'RSS per extra program', unit: 'KiB', better: 'lower' },
  ],
  run: (column, ctx) => (column === 'floor' ? bareNode(ctx) : measure(column, ctx)),
};
