// Checks that numbered lines (fixtures/numbered-lines.mjs) arrived exactly once and in order across rotated logs.
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const LINE = 100;
const DIGITS = 12;
const PAYLOAD = Buffer.from(`${' '}${'x'.repeat(LINE - DIGITS - 2)}\n`);

/** `base` and its backups, oldest first (Supervisor's rotation: base.N is the oldest, base the newest). */
export function rotatedFiles(base: string): string[] {
  const name = basename(base);
  const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.(\\d+))?$`);
  const found: { path: string; index: number }[] = [];
  for (const entry of readdirSync(dirname(base))) {
    const match = pattern.exec(entry);
    if (match) found.push({ path: join(dirname(base), entry), index: match[1] ? Number(match[1]) : 0 });
  }
  return found.sort((a, b) => b.index - a.index).map((f) => f.path);
}

export function totalBytes(files: readonly string[]): number {
  let total = 0;
  for (const file of files) {
    try {
      total += statSync(file).size;
    } catch {
      // rotated away between listing and stat
    }
  }
  return total;
}

export interface VerifyResult {
  lines: number;
  /** lines missing, duplicated, out of order or malformed */
  errors: number;
  firstError: string | null;
}

/** Streams every file once; never holds more than one chunk in memory. */
export function verifyNumberedLines(files: readonly string[], expectedLines: number): VerifyResult {
  const chunk = Buffer.alloc(8 * 1024 * 1024);
  const carry = Buffer.alloc(LINE * 2);
  let carryLength = 0;
  let expected = 1;
  let errors = 0;
  let firstError: string | null = null;
  const fail = (message: string) => {
    errors++;
    firstError ??= message;
  };
  const checkLine = (line: Buffer, where: string) => {
    if (line.length !== LINE || line.compare(PAYLOAD, 0, PAYLOAD.length, DIGITS, LINE) !== 0) {
      fail(`malformed line after ${expected - 1} in ${where}`);
      return;
    }
    const number = Number(line.toString('latin1', 0, DIGITS));
    if (number !== expected) fail(`line ${number} where ${expected} was expected in ${where}`);
    expected = number + 1;
  };
  for (const file of files) {
    const fd = openSync(file, 'r');
    try {
      for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
        let offset = 0;
        if (carryLength > 0) {
          const newline = chunk.indexOf(0x0a);
          if (newline < 0 || newline >= read) {
            fail(`line longer than ${LINE} bytes in ${file}`);
            carryLength = 0;
            continue;
          }
          const joined = Buffer.concat([carry.subarray(0, carryLength), chunk.subarray(0, newline + 1)]);
          checkLine(joined, file);
          carryLength = 0;
          offset = newline + 1;
        }
        while (offset + LINE <= read) {
          if (chunk[offset + LINE - 1] !== 0x0a) {
            // resynchronise on the next newline after a malformed line
            const newline = chunk.indexOf(0x0a, offset);
            fail(`malformed line after ${expected - 1} in ${file}`);
            if (newline < 0 || newline >= read) {
              offset = read;
              break;
            }
            offset = newline + 1;
            continue;
          }
          checkLine(chunk.subarray(offset, offset + LINE), file);
          offset += LINE;
        }
        if (offset < read) {
          const rest = Math.min(read - offset, carry.length);
          chunk.copy(carry, 0, offset, offset + rest);
          carryLength = rest;
        }
      }
    } finally {
      closeSync(fd);
    }
  }
  if (carryLength > 0) fail(`incomplete last line after ${expected - 1}`);
  if (expected - 1 !== expectedLines) fail(`last line is ${expected - 1}, expected ${expectedLines}`);
  return { lines: expected - 1, errors, firstError };
}
