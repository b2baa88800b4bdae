// Minimal stand-ins for modules other engineers are building (launcher, logger, output channels).
// TODO(core): replace each with the real module as it lands (src/process/spawn.ts, src/logging/*).
import { spawn } from 'node:child_process';
import { accessSync, appendFileSync, constants as fsConstants, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LogLevelName, ProcessConfig } from '../config/model.js';
import { LOG_LEVELS, type MainLogger, type OutputChannel, type OutputChannelOptions } from '../logging/api.js';
import type { ExecCheck } from './facade.js';
import type { ChannelFactory, ChildExit, LaunchResult, ProcessLauncher } from './ports.js';

const LEVEL_TAGS: Record<LogLevelName, string> = {
  critical: 'CRIT', error: 'ERRO', warn: 'WARN', info: 'INFO', debug: 'DEBG', trace: 'TRAC', blather: 'BLAT',
};

function stamp(): string {
  const d = new Date();
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:` +
    `${p(d.getSeconds())},${p(d.getMilliseconds(), 3)}`;
}

/** Stand-in main logger: appends Supervisor-format lines to a file and optionally stdout. */
export class StubMainLogger implements MainLogger {
  constructor(readonly level: LogLevelName, private readonly file: string | null, private readonly echo: boolean) {}
  private write(level: LogLevelName, msg: string): void {
    if (!this.enabled(level)) return;
    const line = `${stamp()} ${LEVEL_TAGS[level]} ${msg}\n`;
    if (this.file) { try { appendFileSync(this.file, line); } catch { /* keep running */ } }
    if (this.echo) process.stdout.write(line);
  }
  critical(m: string): void { this.write('critical', m); }
  error(m: string): void { this.write('error', m); }
  warn(m: string): void { this.write('warn', m); }
  info(m: string): void { this.write('info', m); }
  debug(m: string): void { this.write('debug', m); }
  trace(m: string): void { this.write('trace', m); }
  blather(m: string): void { this.write('blather', m); }
  enabled(level: LogLevelName): boolean { return LOG_LEVELS[level] >= LOG_LEVELS[this.level]; }
  reopen(): void {}
  clear(): void { if (this.file) { try { writeFileSync(this.file, ''); } catch { /* ignore */ } } }
  async close(): Promise<void> {}
}

/** Stand-in output channel: appends raw bytes to the file. */
class StubChannel implements OutputChannel {
  constructor(private readonly opts: OutputChannelOptions) {}
  write(chunk: Buffer): void {
    if (this.opts.logfile) { try { appendFileSync(this.opts.logfile, chunk); } catch { /* ignore */ } }
    this.opts.onLogEvent?.(chunk);
  }
  end(): void {}
  reopen(): void {}
  clear(): void { if (this.opts.logfile) { try { unlinkSync(this.opts.logfile); } catch { /* ignore */ } } }
  async close(): Promise<void> {}
}

export const stubChannels: ChannelFactory = { create: (o) => new StubChannel(o) };

function findExecutable(config: ProcessConfig): { file: string } | ExecCheck {
  const argv0 = config.command.trim().split(/\s+/)[0] ?? '';
  if (!argv0) return { ok: false, kind: 'NO_FILE', message: 'command is empty' };
  const candidates = argv0.includes('/') ? [argv0]
    : (config.environment?.PATH ?? process.env.PATH ?? '/bin:/usr/bin:/usr/local/bin').split(':')
      .map((d) => path.join(d, argv0));
  for (const file of candidates) {
    try {
      const st = statSync(file);
      if (st.isDirectory()) return { ok: false, kind: 'NOT_EXECUTABLE', message: `command at '${file}' is a directory` };
      accessSync(file, fsConstants.X_OK);
      return { file };
    } catch { /* next */ }
  }
  return { ok: false, kind: 'NO_FILE', message: `can't find command '${argv0}'` };
}

/** Stand-in launcher: naive whitespace split, own process group via detached. */
export const stubLauncher: ProcessLauncher = {
  checkExecutable(config) {
    const r = findExecutable(config);
    return 'file' in r ? { ok: true } : r;
  },
  launch(config, groupName): LaunchResult {
    const r = findExecutable(config);
    if (!('file' in r)) return { ok: false, error: r.ok ? 'unknown' : r.message };
    const args = config.command.trim().split(/\s+/).slice(1);
    const child = spawn(r.file, args, {
      detached: true,
      cwd: config.directory ?? undefined,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...config.environment, SUPERVISOR_ENABLED: '1',
        SUPERVISOR_PROCESS_NAME: config.name, SUPERVISOR_GROUP_NAME: groupName },
    });
    if (child.pid === undefined) return { ok: false, error: `unknown error during fork for '${config.name}'` };
    child.on('error', () => undefined);
    const pid = child.pid;
    return {
      ok: true,
      child: {
        pid, stdin: child.stdin, stdout: child.stdout, stderr: child.stderr,
        onExit: (cb: (e: ChildExit) => void) => child.once('exit', (code, signal) => cb({ code, signal })),
      },
    };
  },
  kill(pid, signo) { process.kill(pid, signo); },
};
