// The targets of issue 7 for supervisor-ts, checked against the medians of one run.
import type { ColumnId } from './types.js';

/** Median of a figure for a column in a scenario, or undefined when not measured. */
export type Lookup = (scenario: string, column: ColumnId, key: string) => number | undefined;

export interface TargetResult {
  scenario: string;
  target: string;
  /** null when a figure it needs is missing (column skipped or failed, or size not run) */
  met: boolean | null;
  reached: string;
}

interface Target {
  scenario: string;
  target: string;
  /** figures needed: [column, key]; the check receives them in this order */
  needs: [ColumnId, string][];
  check(values: number[]): boolean;
  reached(values: number[]): string;
}

const f = (value: number, digits = 2) => (Number.isInteger(value) ? String(value) : value.toFixed(digits));

function targets(sizes: { spawn: number[]; log: string[] }): Target[] {
  const list: Target[] = [
    {
      scenario: 'restart-latency',
      target: "restart p99 ≤ 2 % of Supervisor's p50",
      needs: [['supervisor-ts', 'p99_ms'], ['supervisor', 'p50_ms']],
      check: ([ours, theirs]) => ours <= 0.02 * theirs,
      reached: ([ours, theirs]) => `p99 ${f(ours)} ms, limit ${f(0.02 * theirs)} ms`,
    },
  ];
  for (const n of sizes.spawn) {
    list.push(
      {
        scenario: 'spawn',
        target: `spawn ${n}: ≤ 1.5 × the Node floor and ahead of Supervisor and PM2`,
        needs: [['supervisor-ts', `all_running_s_${n}`], ['floor', `all_running_s_${n}`], ['supervisor', `all_running_s_${n}`], ['pm2', `all_running_s_${n}`]],
        check: ([ours, floor, sup, pm2]) => ours <= 1.5 * floor && ours < sup && ours < pm2,
        reached: ([ours, floor, sup, pm2]) => `${f(ours)} s (floor ${f(floor)}, Supervisor ${f(sup)}, PM2 ${f(pm2)})`,
      },
      {
        scenario: 'spawn',
        target: `spawn ${n}: control plane answers within 0.5 s of start`,
        needs: [['supervisor-ts', `first_answer_s_${n}`]],
        check: ([ours]) => ours <= 0.5,
        reached: ([ours]) => `${f(ours)} s`,
      },
    );
  }
  for (const size of sizes.log) {
    list.push(
      {
        scenario: 'log-throughput',
        target: `log ${size}: ≥ 80 % of the cat floor`,
        needs: [['supervisor-ts', `mib_s_${size}`], ['floor', `mib_s_${size}`]],
        check: ([ours, floor]) => ours >= 0.8 * floor,
        reached: ([ours, floor]) => `${f(ours, 1)} MiB/s = ${f((100 * ours) / floor, 0)} % of ${f(floor, 1)}`,
      },
      {
        scenario: 'log-throughput',
        target: `log ${size}: 0 lines lost, reordered or duplicated`,
        needs: [['supervisor-ts', `bad_lines_${size}`]],
        check: ([bad]) => bad === 0,
        reached: ([bad]) => `${bad} bad lines`,
      },
      {
        scenario: 'log-throughput',
        target: `log ${size}: daemon CPU ≤ Supervisor's`,
        needs: [['supervisor-ts', `cpu_s_${size}`], ['supervisor', `cpu_s_${size}`]],
        check: ([ours, theirs]) => ours <= theirs,
        reached: ([ours, theirs]) => `${f(ours)} s vs ${f(theirs)} s`,
      },
    );
  }
  const notAbove = (scenario: string, key: string, label: string, factor: number, unit: string): Target => ({
    scenario,
    target: `${label} ≤ ${factor === 1 ? '' : `${factor === 1 / 3 ? '1/3' : factor === 0.25 ? '1/4' : factor} of `}Supervisor's`,
    needs: [['supervisor-ts', key], ['supervisor', key]],
    check: ([ours, theirs]) => ours <= factor * theirs,
    reached: ([ours, theirs]) => `${f(ours)} ${unit} vs ${f(theirs)} ${unit}`,
  });
  list.push(
    notAbove('xmlrpc', 'all_p50_ms', 'getAllProcessInfo', 1 / 3, 'ms'),
    notAbove('xmlrpc', 'one_p50_ms', 'getProcessInfo', 1, 'ms'),
    notAbove('xmlrpc', 'status_p50_ms', 'supervisorctl status', 1, 'ms'),
    notAbove('stop', 'stop_all_s', 'stopAllProcesses', 1, 's'),
    notAbove('stop', 'sigterm_s', 'SIGTERM shutdown', 0.25, 's'),
    notAbove('idle', 'cpu_pct', 'idle CPU', 1, '%'),
    notAbove('idle', 'wakeups_s', 'idle wake-ups', 1, '/s'),
  );
  const atMost = (key: string, label: string, limit: number, unit: string): Target => ({
    scenario: 'memory',
    target: `${label} ≤ ${limit} ${unit}`,
    needs: [['supervisor-ts', key]],
    check: ([ours]) => ours <= limit,
    reached: ([ours]) => `${f(ours, 1)} ${unit}`,
  });
  list.push(atMost('rss_mib_10', 'RSS with 10 programs', 50, 'MiB'), atMost('rss_mib_200', 'RSS with 200 programs', 60, 'MiB'), atMost('kib_per_program', 'RSS per extra program', 20, 'KiB'));
  return list;
}

export function checkTargets(lookup: Lookup, quick: boolean, scenarios: readonly string[]): TargetResult[] {
  const sizes = { spawn: quick ? [200] : [200, 1000], log: quick ? ['200MiB'] : ['200MiB', '2GiB'] };
  return targets(sizes)
    .filter((t) => scenarios.includes(t.scenario))
    .map((t) => {
      const values = t.needs.map(([column, key]) => lookup(t.scenario, column, key));
      if (values.some((v) => v === undefined || !Number.isFinite(v))) {
        const missing = t.needs.filter((_, i) => values[i] === undefined || !Number.isFinite(values[i] as number)).map(([c]) => c);
        return { scenario: t.scenario, target: t.target, met: null, reached: `not measured (${[...new Set(missing)].join(', ')})` };
      }
      const numbers = values as number[];
      return { scenario: t.scenario, target: t.target, met: t.check(numbers), reached: t.reached(numbers) };
    });
}

export function renderTargets(results: readonly TargetResult[]): string {
  const mark = (met: boolean | null) => (met === null ? 'n/a' : met ? 'met' : 'NOT MET');
  return results.map((r) => `- [${mark(r.met)}] ${r.scenario}: ${r.target} — ${r.reached}`).join('\n');
}
