import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rotatedFiles, totalBytes, verifyNumberedLines } from '../../../bench/lib/logverify.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-logverify-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function generate(lines: number): Buffer {
  return execFileSync(process.execPath, [join(import.meta.dirname, '../../../bench/fixtures/numbered-lines.mjs'), String(lines * 100)], { maxBuffer: 1 << 26 });
}

test('lines split across rotated files (at odd offsets) verify in order', () => {
  const data = generate(25000);
  const base = join(dir, 'ok.log');
  writeFileSync(`${base}.2`, data.subarray(0, 777_777));
  writeFileSync(`${base}.1`, data.subarray(777_777, 1_500_001));
  writeFileSync(base, data.subarray(1_500_001));
  assert.deepEqual(rotatedFiles(base), [`${base}.2`, `${base}.1`, base]);
  assert.equal(totalBytes(rotatedFiles(base)), data.length);
  assert.deepEqual(verifyNumberedLines(rotatedFiles(base), 25000), { lines: 25000, errors: 0, firstError: null });
});

test('a lost, a duplicated and a swapped line are all counted', () => {
  const data = generate(1000);
  const lines = data.toString('latin1').split('\n').slice(0, -1);
  lines.splice(10, 1); // lost line 11
  lines.splice(50, 0, lines[50]); // duplicate
  [lines[200], lines[201]] = [lines[201], lines[200]];
  const base = join(dir, 'bad.log');
  writeFileSync(base, `${lines.join('\n')}\n`);
  const result = verifyNumberedLines([base], 1000);
  assert.ok(result.errors >= 3, `errors: ${result.errors}`);
  assert.match(result.firstError ?? '', /line 12 where 11 was expected/);
});

test('a truncated file is reported', () => {
  const base = join(dir, 'short.log');
  writeFileSync(base, generate(10).subarray(0, 950));
  const result = verifyNumberedLines([base], 10);
  assert.ok(result.errors > 0);
  assert.ok(readFileSync(base).length === 950);
});
