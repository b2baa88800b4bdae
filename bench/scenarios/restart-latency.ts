// kill -9 a RUNNING program (autorestart, startsecs=0) and time until its replacement pid exists.
import { join } from 'node:path';
import { program } from '../lib/config.js';
import { withDaemon } from '../lib/daemon-run.js';
import { childrenOf, isRunning } from '../lib/procfs.js';
import { sleep, waitFor } from '../lib/poll.js';
import { percentile, round } from '../lib/stats.js';
import type { Column, Figures, Scenario, ScenarioContext } from '../lib/types.js';

const NAME = 'victim';

async function measure(column: Column, ctx: ScenarioContext): Promise<Figures> {
  const kills = ctx.quick ? 20 : 50;
  const spec = program(NAME, ['/bin/sleep', '86400'], { autorestart: true, stdoutLogfile: join(ctx.dir, `${NAME}.log`) });
  return withDaemon(column, ctx, [spec], async (daemon) => {
    const running = async () => {
      const info = await daemon.info(NAME);
      return info.state === 'RUNNING' && info.pid > 0 && isRunning(info.pid) ? info.pid : false;
    };
    const latencies: number[] = [];
    for (let i = 0; i < kills; i++) {
      const victim = await waitFor(running, { timeoutMs: 10000, intervalMs: 10, what: `${NAME} RUNNING before kill ${i + 1}` });
      const before = new Set(childrenOf(daemon.pid));
      const started = performance.now();
      process.kill(victim, 'SIGKILL');
      // the replacement is a new child of the daemon; /proc is read the same way for every column
      await waitFor(() => childrenOf(daemon.pid).some((pid) => !before.has(pid) && isRunning(pid)), {
        timeoutMs: 10000,
        intervalMs: 1,
        what: `a new ${NAME} pid after kill ${i + 1}`,
      });
      latencies.push(performance.now() - started);
      ctx.track(victim);
      await sleep(20);
    }
    return { p50_ms: round(percentile(latencies, 50), 2), p99_ms: round(percentile(latencies, 99), 2), kills };
  });
}

export const restartLatency: Scenario = {
  name: 'restart-latency',
  title: 'restart latency after kill -9 (autorestart, startsecs=0)',
  columns: ['supervisor-ts', 'supervisor', 'pm2'],
  metrics: () => [
    { key: 'p50_ms', label: 'restart p50', unit: 'ms', better: 'lower' },
    { key: 'p99_ms', label: 'restart p99', unit: 'ms', better: 'lower' },
  ],
  run: (column, ctx) => (column === 'floor' ? Promise.reject(new Error('no floor')) : measure(column, ctx)),
};
