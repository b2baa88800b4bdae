// `npm run bench`: every scenario against supervisor-ts, Supervisor 4.2.5, PM2 and the floor, as a table of ratios.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, USAGE, type BenchOptions } from './lib/args.js';
import { resolveColumns, type ColumnSet } from './lib/columns/index.js';
import { settleMachine } from './lib/settle.js';
import { machineInfo, type MachineInfo } from './lib/machine.js';
import { withTimeout } from './lib/poll.js';
import { median } from './lib/stats.js';
import { renderTable, type Row } from './lib/table.js';
import { checkTargets, renderTargets } from './lib/targets.js';
import { describePid } from './lib/procfs.js';
import { PidTracker } from './lib/tracker.js';
import { SCENARIOS } from './scenarios/index.js';
import type { ColumnId, Figures, Scenario, ScenarioContext } from './lib/types.js';

/** One scenario, one column, one repeat. */
interface RunRecord {
  scenario: string;
  column: ColumnId;
  repeat: number;
  figures: Figures;
  error: string | null;
  leaked: number[];
  notes: string[];
  durationMs: number;
}

const SCENARIO_BUDGET_MS = 20 * 60 * 1000;
const liveTrackers = new Set<PidTracker>();

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

async function runOne(scenario: Scenario, column: ColumnId, set: ColumnSet, options: BenchOptions, repeat: number): Promise<RunRecord> {
  const dir = mkdtempSync(join(tmpdir(), `sts-bench-${scenario.name}-`));
  const tracker = new PidTracker();
  liveTrackers.add(tracker);
  const notes: string[] = [];
  const ctx: ScenarioContext = {
    quick: options.quick,
    inet: options.inet,
    dir,
    track: (pid) => tracker.track(pid),
    trackTree: (pid) => tracker.trackTree(pid),
    log: (m) => log(`${scenario.name}/${column}: ${m}`),
    note: (m) => notes.push(m),
  };
  const started = performance.now();
  let figures: Figures = {};
  let error: string | null = null;
  try {
    const target = column === 'floor' ? 'floor' : set.columns.find((c) => c.id === column);
    if (!target) throw new Error('column not available');
    figures = await withTimeout(scenario.run(target, ctx), SCENARIO_BUDGET_MS, `${scenario.name} on ${column}`);
  } catch (err) {
    error = (err as Error).message.split('\n')[0].slice(0, 300);
  }
  const leaked = await tracker.leaks();
  if (leaked.length) notes.push(`left behind: ${leaked.slice(0, 5).map(describePid).join(', ')}`);
  PidTracker.kill(leaked);
  liveTrackers.delete(tracker);
  rmSync(dir, { recursive: true, force: true });
  const durationMs = performance.now() - started;
  await settleMachine();
  log(`${scenario.name}/${column} #${repeat + 1}: ${error ? `failed: ${error}` : JSON.stringify(figures)}${leaked.length ? `; leaked ${leaked.length}` : ''} (${(durationMs / 1000).toFixed(1)} s)`);
  return { scenario: scenario.name, column, repeat, figures, error, leaked, notes, durationMs };
}

function buildRows(scenarios: Scenario[], records: RunRecord[], set: ColumnSet, options: BenchOptions): Row[] {
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    const columns = scenario.columns.filter((c) => options.columns.includes(c));
    for (const metric of scenario.metrics(options.quick)) {
      const row: Row = { scenario: scenario.name, metric, cells: {} };
      for (const column of columns) {
        const mine = records.filter((r) => r.scenario === scenario.name && r.column === column);
        const values = mine.map((r) => r.figures[metric.key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
        if (set.unavailable.some((u) => u.id === column)) row.cells[column] = { value: null, status: 'skipped' };
        else if (values.length > 0) row.cells[column] = { value: median(values), status: '' };
        else if (mine.some((r) => r.error)) row.cells[column] = { value: null, status: 'failed' };
        else row.cells[column] = { value: null, status: column === 'floor' ? '—' : 'n/a' };
      }
      rows.push(row);
    }
    const leakRow: Row = { scenario: scenario.name, metric: { key: 'leaked', label: 'leaked processes', unit: 'count', better: 'lower' }, cells: {} };
    for (const column of columns) {
      const mine = records.filter((r) => r.scenario === scenario.name && r.column === column);
      leakRow.cells[column] = mine.length ? { value: mine.reduce((n, r) => n + r.leaked.length, 0), status: '' } : { value: null, status: 'skipped' };
    }
    rows.push(leakRow);
  }
  return rows;
}

function header(machine: MachineInfo, set: ColumnSet, options: BenchOptions): string {
  const versions = [`node ${machine.node}`, ...set.columns.map((c) => `${c.id} ${c.version}`)];
  return [
    `supervisor-ts benchmark — ${machine.date}`,
    `machine: ${machine.cores} cores, ${machine.cpu}, ${machine.memoryGiB} GiB RAM, ${machine.kernel}, load average ${machine.loadAverage.join(' ')}`,
    `versions: ${versions.join(', ')}`,
    `mode: ${options.quick ? 'quick' : 'full'}, repeat ${options.repeat} (medians), control channel ${options.inet ? 'inet 127.0.0.1' : 'unix socket'}`,
    ...set.unavailable.map((u) => `skipped column ${u.id}: ${u.reason}`),
  ].join('\n');
}

function notesText(records: RunRecord[]): string[] {
  const lines = new Set<string>();
  for (const r of records) {
    if (r.error) lines.add(`${r.scenario}/${r.column}: failed: ${r.error}`);
    for (const n of r.notes) lines.add(`${r.scenario}/${r.column}: ${n}`);
    if (r.leaked.length) lines.add(`${r.scenario}/${r.column}: ${r.leaked.length} process(es) left behind, killed by pid`);
  }
  return [...lines];
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseArgs(process.argv.slice(2), SCENARIOS.map((s) => s.name));
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const scenarios = SCENARIOS.filter((s) => options.scenarios === null || options.scenarios.includes(s.name));
  const machine = machineInfo();
  const set = await resolveColumns({ wanted: options.columns, inet: options.inet, pm2Prefix: options.pm2Prefix, log });
  const records: RunRecord[] = [];
  try {
    for (const scenario of scenarios) {
      const columns = scenario.columns.filter((c) => options.columns.includes(c) && !set.unavailable.some((u) => u.id === c));
      for (let repeat = 0; repeat < options.repeat; repeat++) {
        for (const column of rotate(columns, repeat)) records.push(await runOne(scenario, column, set, options, repeat));
      }
    }
  } finally {
    set.dispose();
  }
  const rows = buildRows(scenarios, records, set, options);
  const columnOrder = (['supervisor-ts', 'supervisor', 'pm2', 'floor'] as ColumnId[]).filter((c) => options.columns.includes(c));
  const notes = notesText(records);
  const loadAtEnd = machineInfo().loadAverage.join(' ');
  const output = [
    header(machine, set, options),
    '',
    renderTable(rows, columnOrder),
    '',
    `ratios are to Supervisor 4.2.5 in the same run; load average at the end: ${loadAtEnd}`,
    ...notes.map((n) => `note: ${n}`),
    ...strayErrors.map((n) => `note: ${n}`),
  ];
  const lookup = (scenario: string, column: ColumnId, key: string) =>
    rows.find((r) => r.scenario === scenario && r.metric.key === key)?.cells[column]?.value ?? undefined;
  const targetResults = checkTargets(lookup, options.quick, scenarios.map((s) => s.name));
  if (targetResults.length > 0) output.push('', 'targets for supervisor-ts (issue 7):', renderTargets(targetResults));
  process.stdout.write(`${output.join('\n')}\n`);
  if (options.json) {
    writeFileSync(options.json, JSON.stringify({ machine, options, versions: Object.fromEntries(set.columns.map((c) => [c.id, c.version])), unavailable: set.unavailable, records, medians: rows, targets: targetResults }, null, 2));
    log(`raw figures written to ${options.json}`);
  }
  return 0;
}

function killEverythingTracked(): void {
  // on Ctrl-C, end every process the harness started, by pid
  for (const tracker of liveTrackers) {
    tracker.sample();
    PidTracker.kill(tracker.pids());
  }
}

// PM2's client library can throw from its own socket callbacks (e.g. "Callback was already called" when
// its daemon dies under it); such an error belongs to the column being measured, not a reason to abandon the run
const strayErrors: string[] = [];
process.on('uncaughtException', (err) => {
  const message = `uncaught error from a client library: ${err.message.split('\n')[0]}`;
  strayErrors.push(message);
  log(message);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killEverythingTracked();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`bench: ${err.stack ?? err.message}\n`);
    killEverythingTracked();
    process.exit(1);
  },
);
