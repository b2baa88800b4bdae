// Where a config file is looked for when -c is not given (Supervisor's searchpaths), and reading it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './errors.js';

/** `<here>/etc/supervisord.conf`, `<here>/supervisord.conf`, then cwd and /etc ones; here = dirname(dirname(argv0)). */
export function searchPaths(argv0: string = process.argv[1] ?? ''): string[] {
  const here = path.dirname(path.dirname(argv0));
  const join = (...parts: string[]): string => (here === '' || here === '.' ? path.join(...parts) : path.join(here, ...parts));
  return [
    join('etc', 'supervisord.conf'),
    join('supervisord.conf'),
    'supervisord.conf',
    'etc/supervisord.conf',
    '/etc/supervisord.conf',
    '/etc/supervisor/supervisord.conf',
  ];
}

/** The first search path that exists, or null. */
export function findConfigFile(argv0?: string): string | null {
  return searchPaths(argv0).find((p) => existsSync(p)) ?? null;
}

export const ROOT_SEARCH_WARNING =
  'Supervisord is running as root and it is searching for its configuration file in default locations ' +
  '(including its current working directory); you probably want to specify a "-c" argument specifying an ' +
  'absolute path to a configuration file for improved security.';

export function noConfigFileMessage(argv0?: string): string {
  return (
    `No config file found at default paths (${searchPaths(argv0).join(', ')}); ` +
    'use the -c option to specify a config file at a different path'
  );
}

/** The text of the main config file, with Supervisor's messages when it is missing or unreadable. */
export function readMainConfigFile(file: string): string {
  if (!existsSync(file)) throw new ConfigError(`could not find config file ${file}`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`could not read config file ${file}`);
  }
}
