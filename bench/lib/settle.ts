// Lets the machine go quiet between two measured runs: what one column leaves behind (dirty log pages being
// written back, a removed 2 GiB directory, PM2 shutting down) must not be billed to the next column.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { sleep } from './poll.js';

const WINDOW_MS = 250;
const QUIET_IDLE_SHARE = 0.9;
const QUIET_WINDOWS = 2;
const MAX_WAIT_MS = 15000;

/** [idle, total] jiffies over all CPUs, from the first line of /proc/stat */
function cpuJiffies(): [number, number] {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return [idle, fields.reduce((a, b) => a + b, 0)];
}

/**
 * Flush dirty pages, then wait until the CPUs were at least 90 % idle for two 250 ms windows in a row
 * (at most 15 s). Returns how long it waited.
 */
export async function settleMachine(): Promise<number> {
  const started = performance.now();
  try {
    execFileSync('sync', { timeout: MAX_WAIT_MS });
  } catch {
    // no sync(1), or it took too long: the idle wait below still applies
  }
  let quiet = 0;
  while (quiet < QUIET_WINDOWS && performance.now() - started < MAX_WAIT_MS) {
    const [idle0, total0] = cpuJiffies();
    await sleep(WINDOW_MS);
    const [idle1, total1] = cpuJiffies();
    const share = total1 > total0 ? (idle1 - idle0) / (total1 - total0) : 1;
    quiet = share >= QUIET_IDLE_SHARE ? quiet + 1 : 0;
  }
  return performance.now() - started;
}
