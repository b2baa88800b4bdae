// Supervisor's get_execv_args + check_execv_args: split `command=`, find the executable the way
// supervisord does (before forking), and classify failures with Supervisor's exact messages.
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { pyRepr } from '../python/repr.js';
import { shlexSplit, ShlexError } from './shlex.js';

export type ExecCheckFailureKind = 'BAD_COMMAND' | 'NO_FILE' | 'NOT_EXECUTABLE' | 'NO_PERMISSION';

export type ExecArgs =
  | { ok: true; filename: string; argv: string[] }
  | { ok: false; kind: ExecCheckFailureKind; message: string };

const DEFAULT_PATH = ['/bin', '/usr/bin', '/usr/local/bin'];

export interface ExecLookupEnv {
  /** the program's own `environment=` (its PATH wins when present), null when not set */
  programEnvironment: Record<string, string> | null;
  /** supervisord's environment (defaults to process.env) */
  supervisordEnvironment?: NodeJS.ProcessEnv;
}

/** The directories searched for a bare command name, in Supervisor's order of preference. */
export function searchPath(lookup: ExecLookupEnv): string[] {
  const programPath = lookup.programEnvironment?.PATH;
  if (programPath !== undefined) return programPath.split(':');
  const ownPath = (lookup.supervisordEnvironment ?? process.env).PATH;
  return ownPath ? ownPath.split(':') : DEFAULT_PATH;
}

/** Split and resolve `command`. Pure apart from stat/access; relative paths resolve against supervisord's cwd. */
export function getExecArgs(command: string, lookup: ExecLookupEnv): ExecArgs {
  let argv: string[];
  try {
    argv = shlexSplit(command);
  } catch (err) {
    const why = err instanceof ShlexError ? err.message : String(err);
    return { ok: false, kind: 'BAD_COMMAND', message: `can't parse command ${pyRepr(command)}: ${why}` };
  }
  if (argv.length === 0) return { ok: false, kind: 'BAD_COMMAND', message: 'command is empty' };

  const program = argv[0];
  let filename = program;
  let st: Stats | undefined;
  if (program.includes('/')) {
    st = tryStat(program);
  } else {
    for (const dir of searchPath(lookup)) {
      const candidate = pythonPathJoin(dir, program);
      st = tryStat(candidate);
      if (st) {
        filename = candidate;
        break;
      }
    }
  }
  const failure = classify(filename, st);
  return failure ?? { ok: true, filename, argv };
}

/** check_execv_args alone, for an already resolved file name; null when it can be executed. */
export function checkExecutableFile(filename: string): (ExecArgs & { ok: false }) | null {
  return classify(filename, tryStat(filename));
}

function classify(filename: string, st: Stats | undefined): (ExecArgs & { ok: false }) | null {
  const shown = pyRepr(filename);
  if (!st) return { ok: false, kind: 'NO_FILE', message: `can't find command ${shown}` };
  if (st.isDirectory()) return { ok: false, kind: 'NOT_EXECUTABLE', message: `command at ${shown} is a directory` };
  if ((st.mode & 0o111) === 0) return { ok: false, kind: 'NOT_EXECUTABLE', message: `command at ${shown} is not executable` };
  try {
    accessSync(filename, constants.X_OK);
  } catch {
    return { ok: false, kind: 'NO_PERMISSION', message: `no permission to run command ${shown}` };
  }
  return null;
}

/** posixpath.join(dir, name) for a name without '/': no normalisation, so '.' stays './name'. */
function pythonPathJoin(dir: string, name: string): string {
  return dir === '' || dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function tryStat(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The facade's view of a check: NotFound → NO_FILE; BadCommand, NotExecutable, NoPermission → NOT_EXECUTABLE (as startProcess maps them). */
export function toFacadeExecCheck(result: ExecArgs): { ok: true } | { ok: false; kind: 'NO_FILE' | 'NOT_EXECUTABLE'; message: string } {
  if (result.ok) return { ok: true };
  return { ok: false, kind: result.kind === 'NO_FILE' ? 'NO_FILE' : 'NOT_EXECUTABLE', message: result.message };
}
