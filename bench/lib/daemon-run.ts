// The common frame of a daemon scenario: launch, track, wait for RUNNING, always shut down.
import { waitFor } from './poll.js';
import type { Column, DaemonHandle, ProgramSpec, ScenarioContext } from './types.js';

/** Shutdown budget: generous, because PM2 and Supervisor need seconds to stop hundreds of children. */
function shutdownBudgetMs(programCount: number): number {
  return 30000 + programCount * 100;
}

/** Launches `column` with `programs`, runs `body`, and shuts the daemon down whatever happens. */
export async function withDaemon<T>(
  column: Column,
  ctx: ScenarioContext,
  programs: ProgramSpec[],
  body: (daemon: DaemonHandle) => Promise<T>,
  waitReady = true,
): Promise<T> {
  const daemon = await column.launch(ctx.dir, programs, { waitReady, timeoutMs: 30000 });
  ctx.trackTree(daemon.pid);
  let result: T;
  try {
    result = await body(daemon);
  } catch (err) {
    await daemon.shutdown(shutdownBudgetMs(programs.length)).catch(() => daemon.release());
    throw err;
  }
  await daemon.shutdown(shutdownBudgetMs(programs.length)).catch((err: Error) => {
    ctx.note(`shutdown: ${err.message}`);
    daemon.release();
  });
  return result;
}

/** Waits until `count` processes report RUNNING, polling the control plane at `intervalMs`. */
export async function waitAllRunning(daemon: DaemonHandle, count: number, timeoutMs: number, intervalMs = 200): Promise<void> {
  let seen = 0;
  await waitFor(
    async () => {
      const all = await daemon.listAll();
      seen = all.filter((p) => p.state === 'RUNNING').length;
      return seen >= count;
    },
    { timeoutMs, intervalMs, what: `${count} processes RUNNING (last count ${seen})` },
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last count ${seen}`);
  });
}
