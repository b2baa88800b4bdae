// Generates the one INI file that drives both supervisor-ts and the real Supervisor in a scenario.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProgramSpec } from './types.js';

export interface ControlChannel {
  /** unix socket path, or 127.0.0.1 port when `inet` */
  socketPath: string | null;
  port: number | null;
}

/** Program defaults of the benchmark: autostart, no start delay, output in one file per program. */
export function program(name: string, argv: string[], overrides: Partial<ProgramSpec> = {}): ProgramSpec {
  return {
    name,
    argv,
    autostart: true,
    autorestart: false,
    startsecs: 0,
    stdoutLogfile: null,
    logMaxbytes: 50 * 1024 * 1024,
    logBackups: 10,
    stopwaitsecs: 10,
    ...overrides,
  };
}

/** N identical long sleepers, each logging to its own file under `logDir`. */
export function sleepers(count: number, logDir: string, overrides: Partial<ProgramSpec> = {}): ProgramSpec[] {
  const width = String(count).length;
  return Array.from({ length: count }, (_, i) => {
    const name = `p${String(i).padStart(width, '0')}`;
    return program(name, ['/bin/sleep', '86400'], { stdoutLogfile: join(logDir, `${name}.log`), ...overrides });
  });
}

function quoteArg(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replace(/(["\\])/g, '\\$1')}"`;
}

export function renderIni(dir: string, channel: ControlChannel, programs: readonly ProgramSpec[]): string {
  const lines: string[] = [];
  if (channel.port !== null) {
    lines.push('[inet_http_server]', `port=127.0.0.1:${channel.port}`, '');
  } else {
    lines.push('[unix_http_server]', `file=${channel.socketPath}`, 'chmod=0700', '');
  }
  lines.push(
    '[supervisord]',
    `logfile=${join(dir, 'supervisord.log')}`,
    `pidfile=${join(dir, 'supervisord.pid')}`,
    `childlogdir=${dir}`,
    'loglevel=info',
    'nodaemon=true',
    'minfds=8192',
    'minprocs=200',
    '',
    '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '',
    '[supervisorctl]',
    channel.port !== null ? `serverurl=http://127.0.0.1:${channel.port}` : `serverurl=unix://${channel.socketPath}`,
    '',
  );
  for (const p of programs) {
    // '%' is Supervisor's expansion character; the harness never needs a literal one
    lines.push(
      `[program:${p.name}]`,
      `command=${p.argv.map(quoteArg).join(' ')}`,
      `autostart=${p.autostart}`,
      `autorestart=${p.autorestart}`,
      `startsecs=${p.startsecs}`,
      `stopwaitsecs=${p.stopwaitsecs}`,
      'redirect_stderr=true',
      `stdout_logfile=${p.stdoutLogfile ?? 'NONE'}`,
      `stdout_logfile_maxbytes=${p.logMaxbytes}`,
      `stdout_logfile_backups=${p.logBackups}`,
      '',
    );
  }
  return lines.join('\n');
}

export function writeIni(dir: string, channel: ControlChannel, programs: readonly ProgramSpec[]): string {
  const path = join(dir, 'supervisord.conf');
  writeFileSync(path, renderIni(dir, channel, programs));
  return path;
}
