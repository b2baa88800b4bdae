// Differential tests: random inputs answered by Python/Supervisor and by us must agree.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { keyValuePairs } from '../../../src/config/key-value-list.js';
import { FormatError, pyFormat } from '../../../src/config/expand.js';
import { IniDocument } from '../../../src/config/ini.js';
import * as datatypes from '../../../src/config/datatypes.js';
import { ConfigError, ValueError } from '../../../src/config/errors.js';
import { HAVE_SUPERVISOR } from './parity-helpers.js';

const ORACLE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fuzz-oracle.py');
type Answer = { ok?: unknown; error?: string };

function oracle(kind: string, inputs: unknown[]): Answer[] {
  const out = execFileSync('/usr/bin/python3', [ORACLE], { input: JSON.stringify({ kind, inputs }), encoding: 'utf8' });
  return JSON.parse(out) as Answer[];
}

/** A small deterministic PRNG so failures reproduce. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomString(rand: () => number, alphabet: string[], max: number): string {
  const n = Math.floor(rand() * max);
  let out = '';
  for (let i = 0; i < n; i++) out += alphabet[Math.floor(rand() * alphabet.length)];
  return out;
}

test('environment= lists: same pairs or same failure as Supervisor on random input', (t) => {
  if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
  const rand = random(1);
  const alphabet = ['A', 'B', 'x', '1', '=', ',', ' ', '"', "'", '#', '$', '/', ':', ';', '\\', 'é', '\n', '*'];
  const inputs = Array.from({ length: 600 }, () => randomString(rand, alphabet, 14));
  const theirs = oracle('shlex', inputs);
  inputs.forEach((input, i) => {
    let ours: Answer;
    try {
      ours = { ok: keyValuePairs(input) };
    } catch (e) {
      ours = { error: `ValueError: ${(e as ValueError).message}` };
    }
    // Python's shlex treats non-ASCII letters as word characters only in POSIX mode; compare anyway
    assert.deepEqual(ours, theirs[i], `input ${JSON.stringify(input)}`);
  });
});

test('%-formatting: same text or same error as Python on random formats', (t) => {
  if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
  const rand = random(2);
  const alphabet = ['%', '%', '(', ')', 'n', 's', 'd', 'x', '0', '5', '-', '+', '.', ' ', 'a', 'r', 'i', 'o', '#', 'f'];
  const names = { n: 42, s: 'str', a: 'x' };
  const formats = Array.from({ length: 800 }, () => randomString(rand, alphabet, 10)).filter(
    (f) => !/%[-+ #0-9.]*[a-zA-Z%]?/.test(f.replace(/%\([^)]*\)/g, '')) || f.includes('%('),
  );
  const theirs = oracle(
    'format',
    formats.map((format) => ({ format, names })),
  );
  let compared = 0;
  formats.forEach((format, i) => {
    let ours: Answer;
    try {
      ours = { ok: pyFormat(format, names) };
    } catch (e) {
      const err = e as FormatError;
      ours = { error: `${err.kind}: ${err.message}` };
    }
    const expected = theirs[i]!;
    // positional specs format the whole dict in Python; we refuse them on purpose
    if (ours.error?.includes('has no (name)')) return;
    if (expected.error?.startsWith('TypeError: not enough arguments') || expected.error?.includes('not all arguments')) return;
    compared++;
    assert.deepEqual(ours, expected, `format ${JSON.stringify(format)}`);
  });
  assert.ok(compared > 100, `only ${compared} formats compared`);
});

test('INI text: same sections and values, or a parse error, as UnhosedConfigParser', (t) => {
  if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
  const rand = random(3);
  const lines = ['[s]', '[t]', '[DEFAULT]', 'a=1', 'A : 2', 'b = x ;c', 'c=v;x', 'd = y #z', '  cont', '', '; c', '# c',
    '\tmore', 'e=', '  [s]', 'k = v = w', 'Name=Val', '[s] junk', '  a=9'];
  const texts = Array.from({ length: 400 }, () => {
    const n = 1 + Math.floor(rand() * 10);
    return ['[s]', ...Array.from({ length: n }, () => lines[Math.floor(rand() * lines.length)]!)].join('\n') + '\n';
  });
  const theirs = oracle('ini', texts);
  texts.forEach((text, i) => {
    let ours: Answer;
    try {
      const doc = new IniDocument();
      doc.read(text, 'f.conf');
      const result: Record<string, Record<string, string>> = {};
      for (const s of doc.sectionNames()) {
        result[s] = Object.fromEntries(doc.options(s).map((k) => [k, doc.get(s, k)!.value]));
      }
      ours = { ok: result };
    } catch (e) {
      ours = { error: (e as ConfigError).message };
    }
    const expected = theirs[i]!;
    if (expected.error !== undefined) {
      assert.ok(ours.error, `we accepted ${JSON.stringify(text)}`);
      assert.equal(`ParsingError: ${ours.error}`, expected.error.replace(/^MissingSectionHeaderError/, 'ParsingError'));
    } else {
      assert.deepEqual(ours, expected, `text ${JSON.stringify(text)}`);
    }
  });
});

test('value converters: same result or same message as Supervisor on random and edge input', (t) => {
  if (!HAVE_SUPERVISOR) return t.skip('Supervisor 4.2.5 is not installed');
  const converters: Record<string, (v: string) => unknown> = {
    boolean: datatypes.boolean,
    integer: datatypes.integer,
    byteSize: datatypes.byteSize,
    octal: datatypes.octal,
    signalNumber: datatypes.signalNumber,
    autoRestart: datatypes.autoRestart,
    exitCodes: datatypes.exitCodes,
    inetAddress: datatypes.inetAddress,
    processOrGroupName: datatypes.processOrGroupName,
    logLevel: datatypes.logLevel,
  };
  const edge = ['', ' ', '0', '1', '-1', '+7', ' 42 ', '1_0', '_1', '1__0', '0o17', '0O17', '017', '8', '0x1', '1.5',
    '1kb', '1 KB', '1mb', '1Gb', '1m', 'kb', 'MB', '-2mb', 'yes', 'On', 'TRUE', 'nope', 'unexpected', 'UNEXPECTED',
    'term', 'SIGTERM', ' hup ', 'sig_dfl', '_IGN', 'RTMAX', 'rtmin', '15', '32', '34', '64', '65', 'cld', 'KILL9',
    '0,1', '0, 2 ,255', '256', '0,', ',', 'a', '*:80', ':80', 'host:', 'HOST:65535', 'h:65536', '[::1]:1', '1:2:3',
    'a b', 'a:b', 'a/b', ' x ', 'info', 'WARN', 'warning', 'blather', 'Trace'];
  const rand = random(4);
  const alphabet = ['0', '1', '7', '9', ' ', '-', '+', '_', 'k', 'b', 'm', 'o', ':', ',', '*', 's', 'i', 'g', 'T'];
  const values = [...edge, ...Array.from({ length: 150 }, () => randomString(rand, alphabet, 6))];
  const inputs = Object.keys(converters).flatMap((converter) => values.map((value) => ({ converter, value })));
  const theirs = oracle('datatype', inputs);
  inputs.forEach(({ converter, value }, i) => {
    let ours: Answer;
    try {
      ours = { ok: converters[converter]!(value) };
    } catch (e) {
      ours = { error: `ValueError: ${(e as Error).message}` };
    }
    assert.deepEqual(ours, theirs[i], `${converter}(${JSON.stringify(value)})`);
  });
});
