// Decides which columns can run on this machine, and why the others are skipped.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { commandOutput } from '../machine.js';
import { SupervisordColumn } from './supervisord.js';
import { Pm2Column } from './pm2.js';
import type { Column, ColumnId, Unavailable } from '../types.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));
const REAL_SUPERVISORD = '/usr/bin/supervisord';
const REAL_SUPERVISORCTL = '/usr/bin/supervisorctl';

export interface ColumnSet {
  columns: Column[];
  unavailable: Unavailable[];
  dispose(): void;
}

export interface ColumnOptions {
  wanted: ColumnId[];
  inet: boolean;
  pm2Prefix: string | null;
  log: (message: string) => void;
}

function ourVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const commit = commandOutput('git', ['-C', REPO_ROOT, 'rev-parse', '--short', 'HEAD']);
  return commit ? `${pkg.version} (${commit})` : pkg.version;
}

function supervisorTs(inet: boolean): Column | Unavailable {
  const entry = join(REPO_ROOT, 'dist', 'cli', 'supervisord.js');
  if (!existsSync(entry)) return { id: 'supervisor-ts', reason: 'not built (dist/cli/supervisord.js missing): run `npm run build`' };
  return new SupervisordColumn({
    id: 'supervisor-ts',
    version: ourVersion(),
    // run as a command, the way an installed `supervisord` starts (its first line adds Node's heap flags),
    // on the Node that runs the benchmark
    daemon: [join(REPO_ROOT, 'bin', 'supervisord.js')],
    env: { SUPERVISOR_TS_NODE: process.env.SUPERVISOR_TS_NODE ?? process.execPath },
    ctl: [process.execPath, join(REPO_ROOT, 'bin', 'supervisorctl.js')],
    inet,
  });
}

function realSupervisor(inet: boolean, log: (m: string) => void): Column | Unavailable {
  if (!existsSync(REAL_SUPERVISORD)) {
    log('real Supervisor missing: running scripts/ensure-system-deps.sh');
    try {
      execFileSync('bash', [join(REPO_ROOT, 'scripts', 'ensure-system-deps.sh')], { stdio: 'inherit', timeout: 600000 });
    } catch {
      // the script never fails on purpose; a crash is reported as a missing column below
    }
  }
  const version = existsSync(REAL_SUPERVISORD) ? commandOutput(REAL_SUPERVISORD, ['--version']) : null;
  if (!version) return { id: 'supervisor', reason: `${REAL_SUPERVISORD} is missing and could not be installed (scripts/ensure-system-deps.sh)` };
  return new SupervisordColumn({ id: 'supervisor', version, daemon: [REAL_SUPERVISORD], ctl: [REAL_SUPERVISORCTL], inet });
}

export async function resolveColumns(options: ColumnOptions): Promise<ColumnSet> {
  const columns: Column[] = [];
  const unavailable: Unavailable[] = [];
  const add = (result: Column | Unavailable) => ('launch' in result ? columns.push(result) : unavailable.push(result));
  let pm2: Pm2Column | null = null;
  if (options.wanted.includes('supervisor-ts')) add(supervisorTs(options.inet));
  if (options.wanted.includes('supervisor')) add(realSupervisor(options.inet, options.log));
  if (options.wanted.includes('pm2')) {
    try {
      pm2 = await Pm2Column.install(options.pm2Prefix, options.log);
      columns.push(pm2);
    } catch (err) {
      unavailable.push({ id: 'pm2', reason: `cannot install PM2: ${(err as Error).message}` });
    }
  }
  return { columns, unavailable, dispose: () => pm2?.dispose(options.pm2Prefix === null) };
}
