import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTargets, renderTargets } from '../../../bench/lib/targets.js';
import type { ColumnId } from '../../../bench/lib/types.js';

const figures: Record<string, number> = {
  'restart-latency/supervisor-ts/p99_ms': 8,
  'restart-latency/supervisor/p50_ms': 1000,
  'memory/supervisor-ts/rss_mib_10': 55,
};
const lookup = (scenario: string, column: ColumnId, key: string) => figures[`${scenario}/${column}/${key}`];

test('a target is met, not met, or not measured', () => {
  const results = checkTargets(lookup, true, ['restart-latency', 'memory']);
  const restart = results.find((r) => r.scenario === 'restart-latency');
  assert.equal(restart?.met, true);
  assert.match(restart?.reached ?? '', /p99 8 ms, limit 20 ms/);
  const rss10 = results.find((r) => r.target.startsWith('RSS with 10'));
  assert.equal(rss10?.met, false);
  const rss200 = results.find((r) => r.target.startsWith('RSS with 200'));
  assert.equal(rss200?.met, null);
  assert.match(renderTargets(results), /\[NOT MET\] memory: RSS with 10 programs ≤ 50 MiB — 55 MiB/);
});

test('only the scenarios that ran are checked', () => {
  assert.deepEqual(checkTargets(lookup, true, ['idle']).map((r) => r.scenario), ['idle', 'idle']);
});
