// One program writes numbered lines to stdout_logfile with maxbytes=50MB rotation: speed, daemon CPU, every line checked.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { program } from '../lib/config.js';
import { withDaemon } from '../lib/daemon-run.js';
import { rotatedFiles, totalBytes, verifyNumberedLines } from '../lib/logverify.js';
import { cpuMsFromStat } from '../lib/procfs.js';
import { sleep } from '../lib/poll.js';
import { round } from '../lib/stats.js';
import type { Column, Figures, MetricDef, Scenario, ScenarioContext } from '../lib/types.js';

const WRITER = fileURLToPath(new URL('../fixtures/numbered-lines.mjs', import.meta.url));
const MAXBYTES = 50 * 1024 * 1024;
const MiB = 1024 * 1024;
const LINE = 100;

interface Size {
  label: string;
  bytes: number;
}

function sizes(quick: boolean): Size[] {
  const small = { label: '200MiB', bytes: 200 * MiB };
  return quick ? [small] : [small, { label: '2GiB', bytes: 2048 * MiB }];
}

/** Waits until `expected` bytes are on disk; gives up when nothing new arrives for `stallMs`. */
async function waitForBytes(base: string, expected: number, stallMs: number, deadlineMs: number): Promise<number> {
  const deadline = performance.now() + deadlineMs;
  let last = -1;
  let lastChange = performance.now();
  for (;;) {
    const now = totalBytes(rotatedFiles(base));
    if (now >= expected) return performance.now();
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    }
    if (performance.now() - lastChange > stallMs || performance.now() > deadline) {
      throw new Error(`only ${now} of ${expected} bytes reached the log (stalled or timed out)`);
    }
    await sleep(5);
  }
}

function figuresFor(size: Size, elapsedMs: number, cpuMs: number, base: string, ctx: ScenarioContext): Figures {
  const lines = Math.ceil(size.bytes / LINE);
  const check = verifyNumberedLines(rotatedFiles(base), lines);
  if (check.errors > 0) ctx.note(`${size.label}: ${check.errors} bad line(s); first: ${check.firstError}`);
  return {
    [`mib_s_${size.label}`]: round(size.bytes / MiB / (elapsedMs / 1000), 1),
    [`cpu_s_${size.label}`]: round(cpuMs / 1000, 2),
    [`bad_lines_${size.label}`]: check.errors,
  };
}

async function daemonRun(column: Column, ctx: ScenarioContext, size: Size): Promise<Figures> {
  const base = join(ctx.dir, 'writer.log');
  const spec = program('writer', [process.execPath, WRITER, String(size.bytes)], {
    autostart: false,
    stdoutLogfile: base,
    logMaxbytes: MAXBYTES,
    logBackups: Math.ceil(size.bytes / MAXBYTES) + 5,
  });
  if (column.id === 'pm2') ctx.note('PM2 has no built-in rotation (pm2-logrotate is a separate module): one file');
  return withDaemon(column, ctx, [spec], async (daemon) => {
    const cpuBefore = cpuMsFromStat(daemon.pid);
    const started = performance.now();
    await daemon.start('writer');
    const finished = await waitForBytes(base, Math.ceil(size.bytes / LINE) * LINE, 10000, 60000 + size.bytes / MiB * 1000);
    const cpuMs = cpuMsFromStat(daemon.pid) - cpuBefore;
    return figuresFor(size, finished - started, cpuMs, base, ctx);
  });
}

async function floorRun(ctx: ScenarioContext, size: Size): Promise<Figures> {
  const base = join(ctx.dir, 'writer.log');
  const started = performance.now();
  const child = spawn('/bin/sh', ['-c', 'exec "$0" "$1" "$2" | cat > "$3"', process.execPath, WRITER, String(size.bytes), base], { stdio: 'ignore' });
  if (child.pid) ctx.trackTree(child.pid);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  const elapsed = performance.now() - started;
  if (code !== 0) throw new Error(`writer | cat exited with ${code}`);
  return figuresFor(size, elapsed, Number.NaN, base, ctx);
}

export const logThroughput: Scenario = {
  name: 'log-throughput',
  title: 'one program writes numbered lines to stdout_logfile (maxbytes=50MB rotation)',
  columns: ['supervisor-ts', 'supervisor', 'pm2', 'floor'],
  metrics: (quick) =>
    sizes(quick).flatMap((s): MetricDef[] => [
      { key: `mib_s_${s.label}`, label: `log ${s.label}: throughput`, unit: 'MiB/s', better: 'higher' },
      { key: `cpu_s_${s.label}`, label: `log ${s.label}: daemon CPU`, unit: 's', better: 'lower' },
      { key: `bad_lines_${s.label}`, label: `log ${s.label}: lines lost/duplicated/reordered`, unit: 'count', better: 'lower' },
    ]),
  async run(column, ctx) {
    const figures: Figures = {};
    for (const size of sizes(ctx.quick)) {
      const dir = join(ctx.dir, size.label);
      mkdirSync(dir, { recursive: true });
      const sub = { ...ctx, dir };
      try {
        Object.assign(figures, column === 'floor' ? await floorRun(sub, size) : await daemonRun(column, sub, size));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return figures;
  },
};
