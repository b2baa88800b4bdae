// Shared helpers for comparing our config reading with the real Supervisor 4.2.5 (via its Python package).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, loadCtlConfig, type LoadedConfig, type ProcessGroupConfig } from '../../../src/config/index.js';

export const HAVE_SUPERVISOR = existsSync('/usr/bin/supervisord') && existsSync('/usr/bin/python3');
const DUMPER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dump-supervisor-config.py');

export { removeTree, tempTree as writeTree } from '../../fixtures/config/tree.js';

export type Dump = Record<string, unknown> & { error?: string };

/** What Supervisor parsed (or its error text) for each file, each read from its own directory; one Python run. */
export function supervisorDumps(mode: 'server' | 'ctl', files: string[]): Dump[] {
  if (files.length === 0) return [];
  const out = execFileSync('/usr/bin/python3', [DUMPER, mode, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out) as Dump[];
}

/** supervisorDumps() for one file (which must be read from its own directory, `cwd`). */
export function supervisorDump(mode: 'server' | 'ctl', file: string, cwd: string): Dump {
  assert.equal(path.dirname(file), cwd, 'the dumper reads each file from its own directory');
  return supervisorDumps(mode, [file])[0]!;
}

function groupDump(g: ProcessGroupConfig, config: LoadedConfig): Record<string, unknown> {
  const result: Record<string, unknown> = {
    name: g.name,
    priority: g.priority,
    processes: g.processes.map((p) => ({
      name: p.name,
      command: p.command,
      directory: p.directory,
      umask: p.umask,
      priority: p.priority,
      autostart: p.autostart,
      autorestart: p.autorestart,
      startsecs: p.startsecs,
      startretries: p.startretries,
      uid: p.uid,
      stdout: p.stdout,
      stderr: p.stderr,
      stopsignal: p.stopsignal,
      stopwaitsecs: p.stopwaitsecs,
      stopasgroup: p.stopasgroup,
      killasgroup: p.killasgroup,
      exitcodes: p.exitcodes,
      redirectStderr: p.redirectStderr,
      // Supervisor stores the merged environment on each process
      environment: { ...(config.supervisord.environment ?? {}), ...(p.environment ?? {}) },
      serverurl: p.serverurl,
    })),
  };
  if (g.listener) {
    result.events = [...g.listener.events].sort();
    result.bufferSize = g.listener.bufferSize;
  }
  if (g.fcgi) result.socket = g.fcgi.socket;
  return result;
}

/** Our reading of the file in the dumper's shape, or {error} with our message minus the location suffix. */
export function ourDump(mode: 'server' | 'ctl', file: string, cwd: string): Dump {
  const savedCwd = process.cwd();
  process.chdir(cwd);
  try {
    if (mode === 'ctl') return { ...loadCtlConfig(file) };
    const c = loadConfig({ configFile: file });
    const s = c.supervisord;
    return {
      supervisord: {
        logfile: s.logfile,
        logfileMaxbytes: s.logfileMaxbytes,
        logfileBackups: s.logfileBackups,
        pidfile: s.pidfile,
        umask: s.umask,
        nodaemon: s.nodaemon,
        silent: s.silent,
        minfds: s.minfds,
        minprocs: s.minprocs,
        nocleanup: s.nocleanup,
        childlogdir: s.childlogdir,
        user: s.user,
        uid: s.uid,
        directory: s.directory,
        stripAnsi: s.stripAnsi,
        identifier: s.identifier,
        environment: s.environment ?? {},
      },
      groups: c.groups.map((g) => groupDump(g, c)),
      servers: c.servers.map((srv) => ({ ...srv })),
      rpcinterfaces: c.rpcinterfaces.map((r) => r.name).sort(),
      warnings: c.warnings,
      infos: c.infos,
    };
  } catch (err) {
    if (err instanceof ConfigError) return { error: err.message };
    throw err;
  } finally {
    process.chdir(savedCwd);
  }
}

/** Drop the location suffix from either side so Supervisor's text and ours compare equal. */
export function withoutLocation(message: string): string {
  return message.replace(/ in section '[^']*' \(file: '[^']*'(, line \d+)?\)$/, '').replace(/ \(file: '[^']*'(, line \d+)?\)$/, '');
}

/** Run the real supervisord on a (bad) config; returns its exit code and stderr. */
export function runRealSupervisord(file: string, cwd: string): { status: number | null; stderr: string } {
  const r = spawnSync('/usr/bin/supervisord', ['-c', file, '-n'], { cwd, encoding: 'utf8', timeout: 10000 });
  return { status: r.status, stderr: r.stderr };
}
