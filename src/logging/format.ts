// Text helpers shared by the main log and the output channels: Supervisor's asctime, level codes,
// and the JSON console line (Python-style repr lives in src/python/repr.ts).
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

// Lines come in bursts within one second; local-time offsets change only on whole seconds.
let cachedSecond = Number.NaN;
let cachedUpToSeconds = '';

/** `YYYY-MM-DD HH:MM:SS,mmm` in local time, like Supervisor's LogRecord.asdict(). */
export function asctime(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== cachedSecond) {
    cachedSecond = second;
    cachedUpToSeconds =
      `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ` +
      `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`;
  }
  return `${cachedUpToSeconds},${pad3(date.getMilliseconds())}`;
}

/** One main-log line, newline included. */
export function formatMainLogLine(date: Date, level: LogLevelName, message: string): string {
  return `${asctime(date)} ${LEVEL_CODES[level]} ${message}\n`;
}

/** One JSON console line for a main-log message, newline included. */
export function formatMainLogJson(date: Date, level: LogLevelName, message: string): string {
  return `${JSON.stringify({ time: date.toISOString(), level: JSON_LEVEL_NAMES[level], message })}\n`;
}
