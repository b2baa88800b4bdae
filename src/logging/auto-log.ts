// AUTO child logs: created in childlogdir with mkstemp semantics (O_EXCL, mode 0600) and names like
// `<process>-stdout---<identifier>-<8 random chars>.log`; removed at every supervisord (re)start
// unless nocleanup, by Supervisor's pattern.
import fs from 'node:fs';
import path from 'node:path';
import { pyRepr } from '../python/repr.js';

// Python's tempfile picks from this alphabet
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789_';
const MAX_TRIES = 10_000;

function randomName(): string {
  let out = '';
  // O_EXCL makes a collision harmless (the next candidate is tried), so Math.random is enough and
  // node:crypto (~2 MiB RSS) is not loaded just for this
  for (let i = 0; i < 8; i++) out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return out;
}

/** Create a fresh, empty AUTO log file and return its absolute path. Throws if childlogdir is unusable. */
export function autoLogPath(
  childlogdir: string,
  processName: string,
  channel: 'stdout' | 'stderr',
  identifier: string,
): string {
  const prefix = `${processName}-${channel}---${identifier}-`;
  for (let i = 0; i < MAX_TRIES; i++) {
    const candidate = path.resolve(childlogdir, `${prefix}${randomName()}.log`);
    let fd: number;
    try {
      fd = fs.openSync(candidate, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw err;
    }
    fs.closeSync(fd);
    return candidate;
  }
  throw new Error(`No usable temporary file name found in ${childlogdir}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Supervisor's `.+?---<identifier>-\S+\.log\.{0,1}\d{0,4}`, anchored at the start like re.match. */
export function autoLogPattern(identifier: string): RegExp {
  return new RegExp(`^.+?---${escapeRegExp(identifier)}-\\S+\\.log\\.?\\d{0,4}`);
}

export interface CleanupResult {
  removed: string[];
  /** messages for the main log (Supervisor logs these at WARN) */
  warnings: string[];
}

/** Delete the AUTO logs of a previous run. Never throws. */
export function cleanupAutoLogs(childlogdir: string, identifier: string): CleanupResult {
  const result: CleanupResult = { removed: [], warnings: [] };
  let names: string[];
  try {
    names = fs.readdirSync(childlogdir);
  } catch {
    result.warnings.push('Could not clear childlog dir');
    return result;
  }
  const pattern = autoLogPattern(identifier);
  for (const name of names) {
    if (!pattern.test(name)) continue;
    const full = path.join(childlogdir, name);
    try {
      fs.unlinkSync(full);
      result.removed.push(full);
    } catch {
      result.warnings.push(`Failed to clean up ${pyRepr(full)}`);
    }
  }
  return result;
}
