import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../../bench/lib/args.js';
import { renderIni, sleepers } from '../../../bench/lib/config.js';
import { percentile, median } from '../../../bench/lib/stats.js';
import { formatCell, renderTable } from '../../../bench/lib/table.js';
import { waitFor } from '../../../bench/lib/poll.js';
import { settleMachine } from '../../../bench/lib/settle.js';

const KNOWN = ['spawn', 'idle'];

test('options: quick, repeat, scenario list, json file', () => {
  const options = parseArgs(['--quick', '--repeat', '3', '--scenario', 'spawn,idle', '--json=out.json', '--inet'], KNOWN);
  assert.equal(options.quick, true);
  assert.equal(options.repeat, 3);
  assert.deepEqual(options.scenarios, ['spawn', 'idle']);
  assert.equal(options.json, 'out.json');
  assert.equal(options.inet, true);
});

test('bad options are named in the error', () => {
  assert.throws(() => parseArgs(['--scenario', 'nope'], KNOWN), /unknown scenario nope/);
  assert.throws(() => parseArgs(['--repeat', '0'], KNOWN), /--repeat needs a whole number/);
  assert.throws(() => parseArgs(['--repeat'], KNOWN), /--repeat needs a whole number/);
  assert.throws(() => parseArgs(['--json'], KNOWN), /--json needs a value/);
  assert.throws(() => parseArgs(['--frobnicate'], KNOWN), /unknown option --frobnicate/);
  assert.throws(() => parseArgs(['--columns', 'runit'], KNOWN), /unknown column runit/);
});

test('percentiles use the nearest rank; medians average the middle pair', () => {
  const samples = Array.from({ length: 50 }, (_, i) => i + 1);
  assert.equal(percentile(samples, 50), 25);
  assert.equal(percentile(samples, 99), 50);
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 2, 3]), 2.5);
  assert.ok(Number.isNaN(median([])));
});

test('a cell shows its ratio to the Supervisor cell, or its failure', () => {
  assert.equal(formatCell({ value: 10.5, status: '' }, { value: 1050, status: '' }), '10.5 (0.01×)');
  assert.equal(formatCell({ value: 500, status: '' }, { value: 250, status: '' }), '500 (2.00×)');
  assert.equal(formatCell({ value: null, status: 'failed' }, { value: 1, status: '' }), 'failed');
  assert.equal(formatCell({ value: 3, status: '' }, undefined), '3');
  const table = renderTable([{ scenario: 's', metric: { key: 'k', label: 'x', unit: 'ms', better: 'lower' }, cells: { supervisor: { value: 2, status: '' } } }], ['supervisor-ts', 'supervisor']);
  assert.match(table, /\| s +\| x \(ms, lower is better\) \| — +\| 2 \(1\.00×\) +\|/);
});

test('the generated INI names every program with its own log and the control socket', () => {
  const ini = renderIni('/tmp/d', { socketPath: '/tmp/d/s.sock', port: null }, sleepers(12, '/tmp/d'));
  assert.match(ini, /\[unix_http_server\]\nfile=\/tmp\/d\/s\.sock/);
  assert.match(ini, /\[program:p00\]\ncommand=\/bin\/sleep 86400\n/);
  assert.match(ini, /\[program:p11\][^[]*stdout_logfile=\/tmp\/d\/p11\.log/);
  assert.equal(ini.match(/\[program:/g)?.length, 12);
  const inet = renderIni('/tmp/d', { socketPath: null, port: 9001 }, []);
  assert.match(inet, /\[inet_http_server\]\nport=127\.0\.0\.1:9001/);
  assert.match(inet, /serverurl=http:\/\/127\.0\.0\.1:9001/);
});

test('waitFor stops at its deadline with the reason', async () => {
  const started = performance.now();
  await assert.rejects(waitFor(() => false, { timeoutMs: 100, intervalMs: 10, what: 'never' }), /timed out after 100 ms waiting for never/);
  assert.ok(performance.now() - started < 2000);
  await assert.rejects(waitFor(() => { throw Object.assign(new Error('dead'), { fatal: true }); }, { timeoutMs: 5000, what: 'x' }), /dead/);
  assert.ok(performance.now() - started < 2000);
});

test('settling between runs is bounded, even on a busy machine', async () => {
  // keep one core busy for a while: the wait must still end by its 15 s bound
  const busyUntil = Date.now() + 600;
  const spin = setInterval(() => {
    const end = Date.now() + 40;
    while (Date.now() < end && Date.now() < busyUntil);
    if (Date.now() >= busyUntil) clearInterval(spin);
  }, 0);
  const waited = await settleMachine();
  clearInterval(spin);
  assert.ok(waited >= 500, `a quiet verdict needs two 250 ms windows, got ${waited} ms`);
  assert.ok(waited < 16000, `waited ${waited} ms`);
});
