// Pure value converters with Supervisor 4.2.5's rules and error texts (datatypes.py). They throw ValueError;
// the section readers add file and line.
import type { AutoRestart, LogLevelName } from './model.js';
import { ValueError } from './errors.js';
import { pyInt, pyOctal } from './python-int.js';
import { pyRepr } from '../python/repr.js';
import { supervisorSignalNumber } from '../python/signals.js';

export { pyInt as integer } from './python-int.js';

const TRUTHY = ['yes', 'true', 'on', '1'];
const FALSY = ['no', 'false', 'off', '0'];

export function boolean(value: string): boolean {
  const v = value.toLowerCase();
  if (TRUTHY.includes(v)) return true;
  if (FALSY.includes(v)) return false;
  throw new ValueError(`not a valid boolean value: ${pyRepr(value)}`);
}

/** `50MB`, `1kb`, `1 GB`, plain integers; the suffix is exactly two letters, case-insensitive. */
export function byteSize(value: string): number {
  const v = value.toLowerCase();
  const multipliers: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
  const suffix = v.slice(-2);
  const m = multipliers[suffix];
  if (m !== undefined) return pyInt(v.slice(0, -2)) * m + 0;
  return pyInt(v);
}

export function octal(value: string): number {
  const n = pyOctal(value);
  if (n === null) throw new ValueError(`${value} can not be converted to an octal type`);
  return n;
}

/** A signal given by number or name (`TERM`, `sigusr1`, ` hup `), as Python's signal module knows them. */
export function signalNumber(value: string): number {
  const result = supervisorSignalNumber(value);
  if ('problem' in result) throw new ValueError(`value ${pyRepr(value)} is ${result.problem}`);
  return result.signo;
}

export function autoRestart(value: string): AutoRestart {
  const v = value.toLowerCase();
  if (TRUTHY.includes(v)) return 'true';
  if (FALSY.includes(v)) return 'false';
  if (v === 'unexpected') return 'unexpected';
  throw new ValueError(`invalid 'autorestart' value ${pyRepr(v)}`);
}

/** Comma list of exit codes 0..255; an empty value is an empty list. */
export function exitCodes(value: string): number[] {
  if (value === '') return [];
  try {
    const codes = value.split(',').map((part) => pyInt(part));
    if (codes.some((c) => c < 0 || c > 255)) throw new ValueError('out of range');
    return codes;
  } catch {
    throw new ValueError(`not a valid list of exit codes: ${pyRepr(value)}`);
  }
}

const LOG_LEVELS: LogLevelName[] = ['critical', 'error', 'warn', 'info', 'debug', 'trace', 'blather'];

export function logLevel(value: string): LogLevelName {
  const v = value.toLowerCase() as LogLevelName;
  if (!LOG_LEVELS.includes(v)) throw new ValueError(`bad logging level name ${pyRepr(value)}`);
  return v;
}

/** Comma list, each item stripped; empty value → []. */
export function listOfStrings(value: string | null): string[] {
  if (!value) return [];
  return value.split(',').map((x) => x.trim());
}

/** A process or group name: stripped, and free of the characters that break namespecs and URLs. */
export function processOrGroupName(value: string): string {
  const s = value.trim();
  for (const ch of [' ', ':', '/']) {
    if (s.includes(ch)) throw new ValueError(`Invalid name: ${pyRepr(value)} because of character: ${pyRepr(ch)}`);
  }
  return s;
}

function portNumber(value: string): number {
  const n = pyInt(value);
  if (n < 1) throw new ValueError(`${n} is below lower bound (1)`);
  if (n > 0xffff) throw new ValueError(`${n} is above upper bound (65535)`);
  return n;
}

/** `PORT` or `HOST:PORT` (split on the last colon); '' and '*' mean every interface. */
export function inetAddress(value: string): { host: string; port: number } {
  let host = '';
  let port: number;
  const colon = value.lastIndexOf(':');
  if (colon !== -1) {
    const portText = value.slice(colon + 1);
    host = value.slice(0, colon).toLowerCase();
    if (!portText) throw new ValueError(`no port number specified in ${pyRepr(portText)}`);
    port = portNumber(portText);
  } else {
    try {
      port = portNumber(value);
    } catch {
      throw new ValueError(`not a valid port number: ${pyRepr(value)} `);
    }
  }
  if (host === '*') host = '';
  return { host, port };
}

/** `value` must look like a URL (scheme plus host or path), as supervisorctl's -s checks. */
export function url(value: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/.exec(value);
  const rest = m ? m[2]!.replace(/^\/\//, '') : '';
  if (m && rest.replace(/[?#].*$/, '') !== '') return value;
  throw new ValueError(`value ${pyRepr(value)} is not a URL`);
}
