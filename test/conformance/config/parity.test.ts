// Supervisor 4.2.5 and supervisor-ts read the same files to the same result, and reject the same bad files with
// the same message (ours adds where: file and line). Supervisor's side runs once for all cases (Python is slow to start).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  HAVE_SUPERVISOR,
  ourDump,
  removeTree,
  runRealSupervisord,
  supervisorDumps,
  withoutLocation,
  writeTree,
  type Dump,
} from './parity-helpers.js';
import { CTL_CASES, INVALID_CASES, QUIRK_CASES, QUIRK_INVALID_CASES, VALID_CASES, type ParityCase } from './parity-cases.js';

interface Prepared {
  file: string;
  dir: string;
}

const prepared = new Map<ParityCase, Prepared>();
const theirs = new Map<ParityCase, Dump>();
const serverCases = [...VALID_CASES, ...QUIRK_CASES, ...INVALID_CASES, ...QUIRK_INVALID_CASES];

before(() => {
  if (!HAVE_SUPERVISOR) return;
  for (const c of [...serverCases, ...CTL_CASES]) {
    const dir = writeTree(c.files, 'cfg-parity-');
    prepared.set(c, { dir, file: path.join(dir, c.main ?? 'supervisord.conf') });
  }
  const batch = (mode: 'server' | 'ctl', cases: ParityCase[]): void => {
    const dumps = supervisorDumps(mode, cases.map((c) => prepared.get(c)!.file));
    cases.forEach((c, i) => theirs.set(c, dumps[i]!));
  };
  batch('server', serverCases);
  batch('ctl', CTL_CASES);
});

after(() => {
  for (const p of prepared.values()) removeTree(p.dir);
});

/** Supervisor accepts the case and reads it as we do. */
function sameReading(label: string, c: ParityCase): void {
  test(`same reading as Supervisor${label}: ${c.name}`, (t) => {
    if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
    const { file, dir } = prepared.get(c)!;
    const expected = theirs.get(c)!;
    assert.equal(expected.error, undefined, `Supervisor rejected the case: ${expected.error}`);
    assert.deepEqual(ourDump('server', file, dir), expected);
  });
}

/** Both reject the case with the same message (ours adds the location). */
function sameError(label: string, c: ParityCase): void {
  test(`same error as Supervisor${label}: ${c.name}`, (t) => {
    if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
    const { file, dir } = prepared.get(c)!;
    const expected = theirs.get(c)!;
    const ours = ourDump('server', file, dir);
    assert.ok(expected.error, 'Supervisor accepted the case');
    assert.ok(ours.error, 'we accepted the case');
    assert.equal(withoutLocation(ours.error), withoutLocation(expected.error));
  });
}

for (const c of VALID_CASES) sameReading('', c);
for (const c of QUIRK_CASES) sameReading(' (quirks)', c);
for (const c of INVALID_CASES) sameError('', c);
for (const c of QUIRK_INVALID_CASES) sameError(' (quirks)', c);

for (const c of CTL_CASES) {
  test(`supervisorctl reads [supervisorctl] like Supervisor: ${c.name}`, (t) => {
    if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
    const { file, dir } = prepared.get(c)!;
    const expected = theirs.get(c)!;
    const ours = ourDump('ctl', file, dir);
    if (expected.error !== undefined) assert.equal(withoutLocation(ours.error ?? ''), expected.error);
    else assert.deepEqual(ours, expected);
  });
}

test('the real supervisord exits 2 with the same message prefix on a few bad files', (t) => {
  if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
  for (const name of ['missing command', 'bad signal name', 'parse errors', 'group names unknown program']) {
    const c = INVALID_CASES.find((x) => x.name === name)!;
    const { file, dir } = prepared.get(c)!;
    const real = runRealSupervisord(file, dir);
    assert.equal(real.status, 2, name);
    const ours = ourDump('server', file, dir).error!;
    assert.ok(real.stderr.startsWith(`Error: ${withoutLocation(ours)}`), `${name}: ${real.stderr} vs ${ours}`);
    assert.match(real.stderr, /\nFor help, use \/usr\/bin\/supervisord -h\n$/);
  }
});
