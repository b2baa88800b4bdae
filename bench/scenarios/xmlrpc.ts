// Control-plane latency with 200 programs: getAllProcessInfo, getProcessInfo, and the command-line status.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { sleepers } from '../lib/config.js';
import { waitAllRunning, withDaemon } from '../lib/daemon-run.js';
import { percentile, round } from '../lib/stats.js';
import type { Column, Figures, Scenario, ScenarioContext } from '../lib/types.js';

const PROGRAMS = 200;

async function timeEach(count: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

async function measure(column: Column, ctx: ScenarioContext): Promise<Figures> {
  const logs = join(ctx.dir, 'logs');
  mkdirSync(logs);
  const programs = sleepers(PROGRAMS, logs);
  const calls = ctx.quick ? 30 : 200;
  const cliRuns = ctx.quick ? 3 : 20;
  return withDaemon(column, ctx, programs, async (daemon) => {
    await waitAllRunning(daemon, PROGRAMS, 120000);
    await timeEach(3, () => daemon.listAll()); // warm-up
    const all = await timeEach(calls, async () => {
      const list = await daemon.listAll();
      if (list.length !== PROGRAMS) throw new Error(`getAllProcessInfo returned ${list.length} entries, not ${PROGRAMS}`);
    });
    const one = await timeEach(calls, (i) => daemon.info(programs[(i * 37) % PROGRAMS].name));
    const cli = await timeEach(cliRuns, () => daemon.statusCli());
    return {
      all_p50_ms: round(percentile(all, 50), 2),
      one_p50_ms: round(percentile(one, 50), 2),
      status_p50_ms: round(percentile(cli, 50), 1),
    };
  });
}

export const xmlrpcScenario: Scenario = {
  name: 'xmlrpc',
  title: `control plane with ${PROGRAMS} programs`,
  columns: ['supervisor-ts', 'supervisor', 'pm2'],
  metrics: () => [
    { key: 'all_p50_ms', label: 'getAllProcessInfo p50', unit: 'ms', better: 'lower' },
    { key: 'one_p50_ms', label: 'getProcessInfo p50', unit: 'ms', better: 'lower' },
    { key: 'status_p50_ms', label: 'ctl status wall p50', unit: 'ms', better: 'lower' },
  ],
  run: (column, ctx) => (column === 'floor' ? Promise.reject(new Error('no floor')) : measure(column, ctx)),
};
