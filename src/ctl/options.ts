// supervisorctl's command line: Python getopt rules, usage errors on stderr with exit 2, and the
// precedence command line > [supervisorctl] section > built-in defaults.
import { existsSync } from 'node:fs';
import { getopt, GetoptError } from './getopt.js';
import { loadCtlConfig } from '../config/ctl.js';
import { ConfigError } from '../config/errors.js';
import type { SupervisorctlOptions } from '../config/model.js';
import { pyRepr } from '../python/repr.js';
import { searchPaths } from '../config/discovery.js';
import { USAGE_TEXT } from './help-texts.js';
import { CtlUsageError, CtlHelpRequested } from './errors.js';

export const DEFAULT_SERVERURL = 'http://localhost:9001';
export const DEFAULT_PROMPT = 'supervisor';

export interface CtlOptions {
  configFile: string | null;
  serverurl: string;
  username: string | null;
  password: string | null;
  prompt: string;
  historyFile: string | null;
  /** true when no action was given (or -i): run the shell; prompts (y/N, credentials) only happen then */
  interactive: boolean;
  /** the action words; joined with spaces they form one command line */
  args: string[];
}

const SHORT_SPEC = 'h?c:is:u:p:r:';
const LONG_SPEC = ['help', 'configuration=', 'interactive', 'serverurl=', 'username=', 'password=', 'history_file='];

type CliKey = 'configFile' | 'interactive' | 'serverurl' | 'username' | 'password' | 'history';
const OPTION_KEYS: Record<string, CliKey> = {
  '-c': 'configFile', '--configuration': 'configFile',
  '-i': 'interactive', '--interactive': 'interactive',
  '-s': 'serverurl', '--serverurl': 'serverurl',
  '-u': 'username', '--username': 'username',
  '-p': 'password', '--password': 'password',
  '-r': 'history', '--history_file': 'history',
};

/** Supervisor's url() check via Python's urlparse: a scheme, and a netloc or a path after it. */
export function looksLikeUrl(value: string): boolean {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s.exec(value);
  if (!m) return false;
  let rest = m[2].replace(/[?#].*$/s, '');
  let netloc = '';
  if (rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? '' : rest.slice(end);
  }
  return netloc !== '' || rest !== '';
}

/** The default search list: the same as supervisord's. */
export function configSearchPaths(scriptPath: string): string[] {
  return searchPaths(scriptPath);
}

/** The [supervisorctl] section; any problem is a usage error whose text names the file (and line). */
function readConfig(file: string): SupervisorctlOptions {
  try {
    return loadCtlConfig(file);
  } catch (err) {
    if (err instanceof ConfigError) throw new CtlUsageError(err.message);
    throw err;
  }
}

export function parseCtlArgs(
  argv: readonly string[],
  scriptPath: string,
  searchPaths: readonly string[] = configSearchPaths(scriptPath),
): CtlOptions {
  let parsed;
  try {
    parsed = getopt(argv, SHORT_SPEC, LONG_SPEC);
  } catch (err) {
    if (err instanceof GetoptError) throw new CtlUsageError(err.message);
    throw err;
  }
  const cli: Partial<Record<CliKey, string>> = {};
  for (const { name, value } of parsed.options) {
    if (name === '-h' || name === '-?' || name === '--help') throw new CtlHelpRequested(USAGE_TEXT);
    const key = OPTION_KEYS[name];
    if (key === 'serverurl' && !looksLikeUrl(value)) {
      throw new CtlUsageError(`invalid value for ${name} ${pyRepr(value)}: value ${pyRepr(value)} is not a URL`);
    }
    if (cli[key] !== undefined) throw new CtlUsageError(`conflicting command line option ${pyRepr(name)}`);
    cli[key] = value;
  }

  const configFile = cli.configFile ?? searchPaths.find((p) => existsSync(p)) ?? null;
  const fromFile = configFile === null ? null : readConfig(configFile);

  return {
    configFile,
    serverurl: cli.serverurl ?? fromFile?.serverurl ?? DEFAULT_SERVERURL,
    username: cli.username ?? fromFile?.username ?? null,
    password: cli.password ?? fromFile?.password ?? null,
    prompt: fromFile?.prompt ?? DEFAULT_PROMPT,
    // Supervisor 4.2.5 ignores -r (stores it under an unused name); only the config key counts
    historyFile: fromFile?.historyFile ?? null,
    interactive: parsed.rest.length === 0 || cli.interactive !== undefined,
    args: parsed.rest,
  };
}
