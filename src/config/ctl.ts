// loadCtlConfig(): supervisorctl's reading of a config file ([supervisorctl] only; [include] is not processed).
import { hostname } from 'node:os';
import path from 'node:path';
import type { SupervisorctlOptions } from './model.js';
import { ConfigError } from './errors.js';
import { IniDocument } from './ini.js';
import { ConfigReader } from './reader.js';
import { findConfigFile, readMainConfigFile } from './discovery.js';
import { environExpansions } from './load.js';
import { defaultCtlOptions, readSupervisorctlSection, SUPERVISORCTL_SECTION } from './sections/supervisorctl.js';

export interface LoadCtlConfigOptions {
  env?: NodeJS.ProcessEnv;
  argv0?: string;
}

/** The config file supervisorctl would use: `file` (-c) or the first default path that exists, else null. */
export function findCtlConfigFile(file?: string, opts: LoadCtlConfigOptions = {}): string | null {
  return file ?? findConfigFile(opts.argv0);
}

/**
 * supervisorctl's options from a config file. With no file given and none found at the default paths, the built-in
 * defaults (serverurl http://localhost:9001, prompt `supervisor`).
 */
export function loadCtlConfig(file?: string, opts: LoadCtlConfigOptions = {}): SupervisorctlOptions {
  const configFile = findCtlConfigFile(file, opts);
  if (configFile === null) return defaultCtlOptions();
  const env = opts.env ?? process.env;
  const doc = new IniDocument();
  doc.read(readMainConfigFile(configFile), configFile);
  if (!doc.has(SUPERVISORCTL_SECTION)) {
    throw new ConfigError('.ini file does not include supervisorctl section', { file: configFile });
  }
  const here = path.dirname(path.resolve(configFile));
  const messages = { warnings: [], infos: [] };
  const reader = new ConfigReader(doc, environExpansions(env), configFile, here, messages, env, hostname());
  return readSupervisorctlSection(reader);
}
