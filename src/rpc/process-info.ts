// getProcessInfo's struct and its human description, formatted the way Python does
// (timedelta for uptime, strftime('%b %d %I:%M %p') in local time for the stop time).
import type { GroupHandle, ProcessHandle } from '../core/facade.js';
import { ProcessState, processStateName } from '../core/states.js';
import { XMLRPC_MAXINT, XMLRPC_MININT, type XmlRpcStruct } from './xmlrpc-values.js';
import { MONTH_ABBREVIATIONS, twoDigits } from '../python/time.js';

/** Supervisor's capped_int: truncate, then clamp to the XML-RPC int range (timestamps after 2038). */
export function cappedInt(value: number): number {
  return Math.min(XMLRPC_MAXINT, Math.max(XMLRPC_MININT, Math.trunc(value)));
}

/** str(datetime.timedelta(seconds=n)) for whole seconds: `0:00:05`, `1 day, 2:03:04`. */
export function formatTimedelta(totalSeconds: number): string {
  const seconds = Math.max(0, Math.trunc(totalSeconds));
  const days = Math.floor(seconds / 86400);
  const rest = seconds % 86400;
  const clock =
    `${Math.floor(rest / 3600)}:${String(Math.floor((rest % 3600) / 60)).padStart(2, '0')}:` +
    String(rest % 60).padStart(2, '0');
  if (days === 0) return clock;
  return `${days} ${days === 1 ? 'day' : 'days'}, ${clock}`;
}

/** strftime('%b %d %I:%M %p') of an epoch in local time, C locale: `Nov 24 06:04 AM`. */
export function formatStopTime(epochSeconds: number): string {
  const d = new Date(Math.trunc(epochSeconds) * 1000);
  const hour12 = d.getHours() % 12 === 0 ? 12 : d.getHours() % 12;
  const ampm = d.getHours() < 12 ? 'AM' : 'PM';
  return `${MONTH_ABBREVIATIONS[d.getMonth()]} ${twoDigits(d.getDate())} ${twoDigits(hour12)}:${twoDigits(d.getMinutes())} ${ampm}`;
}

interface DescriptionInput {
  state: ProcessState;
  start: number;
  stop: number;
  now: number;
  pid: number;
  spawnerr: string;
  name: string;
}

/** Supervisor's _interpretProcessInfo. */
export function describeProcess(info: DescriptionInput): string {
  switch (info.state) {
    case ProcessState.RUNNING:
      return `pid ${info.pid}, uptime ${formatTimedelta(info.now - info.start)}`;
    case ProcessState.FATAL:
    case ProcessState.BACKOFF:
      return info.spawnerr || `unknown error (try "tail ${info.name}")`;
    case ProcessState.STOPPED:
    case ProcessState.EXITED:
      return info.start ? formatStopTime(info.stop) : 'Not started';
    default:
      return '';
  }
}

/** The getProcessInfo struct, keys in Supervisor's order. */
export function processInfo(group: GroupHandle, process: ProcessHandle, nowSeconds: number): XmlRpcStruct {
  const start = cappedInt(process.laststart);
  const stop = cappedInt(process.laststop);
  const now = cappedInt(nowSeconds);
  const state = process.state;
  const spawnerr = process.spawnerr ?? '';
  const stdoutLogfile = process.stdoutLogPath ?? '';
  const info: XmlRpcStruct = {
    name: process.config.name,
    group: group.config.name,
    start,
    stop,
    now,
    state,
    statename: processStateName(state),
    spawnerr,
    exitstatus: process.exitstatus ?? 0,
    logfile: stdoutLogfile,
    stdout_logfile: stdoutLogfile,
    stderr_logfile: process.stderrLogPath ?? '',
    pid: process.pid,
  };
  info.description = describeProcess({ state, start, stop, now, pid: process.pid, spawnerr, name: process.config.name });
  return info;
}
