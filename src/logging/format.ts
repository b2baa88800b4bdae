// Text helpers shared by the main log and the output channels: Supervisor's asctime, level codes,
// Python-style repr for the debug echo of child output, and RFC 3339 timestamps for the console.
import type { LogLevelName } from '../config/model.js';
import { LOG_LEVELS } from './api.js';

/** Supervisor's four-letter level names as written in the main log. */
export const LEVEL_CODES: Record<LogLevelName, string> = {
  critical: 'CRIT',
  error: 'ERRO',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBG',
  trace: 'TRAC',
  blather: 'BLAT',
};

/** Level names used in JSON console lines (what log shippers recognise). */
export const JSON_LEVEL_NAMES: Record<LogLevelName, string> = {
  critical: 'CRITICAL',
  error: 'ERROR',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBUG',
  trace: 'TRACE',
  blather: 'BLATHER',
};

export function levelNumber(level: LogLevelName): number {
  return LOG_LEVELS[level];
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** `YYYY-MM-DD HH:MM:SS,mmm` in local time, like Supervisor's LogRecord.asdict(). */
export function asctime(date: Date): string {
  return (
    `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ` +
    `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())},${pad3(date.getMilliseconds())}`
  );
}

/** One main-log line, newline included. */
export function formatMainLogLine(date: Date, level: LogLevelName, message: string): string {
  return `${asctime(date)} ${LEVEL_CODES[level]} ${message}\n`;
}

/** One JSON console line for a main-log message, newline included. */
export function formatMainLogJson(date: Date, level: LogLevelName, message: string): string {
  return `${JSON.stringify({ time: date.toISOString(), level: JSON_LEVEL_NAMES[level], message })}\n`;
}

/** Python's repr() of a str (for `'name' stdout output:`): the config module's, shared. */
export { pyRepr as pyStrRepr } from '../config/pyrepr.js';

/** Python's repr() of bytes: b'...' with \xNN escapes. */
export function pyBytesRepr(data: Buffer): string {
  const hasSingle = data.includes(0x27);
  const hasDouble = data.includes(0x22);
  const quote = hasSingle && !hasDouble ? 0x22 : 0x27;
  let out = 'b' + String.fromCharCode(quote);
  for (const byte of data) {
    if (byte === 0x5c) out += '\\\\';
    else if (byte === quote) out += `\\${String.fromCharCode(quote)}`;
    else if (byte === 0x0a) out += '\\n';
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x09) out += '\\t';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out + String.fromCharCode(quote);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Text for the main-log debug echo: the decoded chunk, or `Undecodable: b'...'` like Supervisor. */
export function describeChunk(data: Buffer): string {
  try {
    return strictUtf8.decode(data);
  } catch {
    return `Undecodable: ${pyBytesRepr(data)}`;
  }
}
