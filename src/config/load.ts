// loadConfig(): the whole of Supervisor's read_config + realize for supervisord, producing a LoadedConfig.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import type { LoadedConfig, SupervisordOptions } from './model.js';
import { ConfigError } from './errors.js';
import { expand, type Expansions } from './expand.js';
import { IniDocument } from './ini.js';
import { ConfigReader, type ParseMessages } from './reader.js';
import { nameToUid, normalizePath } from './datatypes-os.js';
import { pyGlob } from './glob.js';
import { rememberDaemonEnvironment } from './daemon-environment.js';
import { findConfigFile, noConfigFileMessage, readMainConfigFile, ROOT_SEARCH_WARNING } from './discovery.js';
import { readSupervisordSection, SUPERVISORD_SECTION } from './sections/supervisord.js';
import { readProcessGroups } from './sections/groups.js';
import { readServers } from './sections/servers.js';
import { readRpcInterfaces } from './sections/rpcinterface.js';
import { readSupervisorctlSection, SUPERVISORCTL_SECTION } from './sections/supervisorctl.js';

export interface LoadConfigOptions {
  /** `-c`; when absent the default search paths are tried */
  configFile?: string;
  /** command-line values; they win over the file (the file is still fully validated) */
  cliOverrides?: Partial<SupervisordOptions>;
  /** supervisord's environment, for `%(ENV_X)s` and `~` (default process.env) */
  env?: NodeJS.ProcessEnv;
  /** the executable path, for the search paths (default process.argv[1]) */
  argv0?: string;
  /** `%(host_node_name)s` (default os.hostname()) */
  hostNodeName?: string;
}

/** `ENV_X` for every variable of the environment. */
export function environExpansions(env: NodeJS.ProcessEnv): Expansions {
  const result: Expansions = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) result[`ENV_${key}`] = value;
  return result;
}

/** Read the main file and, if it has [include], the included files, as Supervisor does. */
function readDocument(file: string, here: string, environ: Expansions, node: string, messages: ParseMessages): IniDocument {
  const doc = new IniDocument();
  doc.read(readMainConfigFile(file), file);
  if (!doc.has('include')) return doc;
  doc.expandHere(here);
  const entry = doc.get('include', 'files');
  if (entry === undefined) {
    throw new ConfigError('.ini file has [include] section, but no files setting', {
      section: 'include',
      file: doc.sections.get('include')!.file,
      line: doc.sections.get('include')!.line,
    });
  }
  let files: string;
  try {
    files = expand(entry.value, { here, host_node_name: node, ...environ }, 'include.files');
  } catch (err) {
    throw new ConfigError((err as Error).message, { section: 'include', option: 'files', file: entry.file, line: entry.line });
  }
  const base = path.dirname(path.resolve(file));
  for (const pattern of files.split(/\s+/).filter((p) => p !== '')) {
    const full = pattern.startsWith('/') ? pattern : base.endsWith('/') ? base + pattern : `${base}/${pattern}`;
    const matches = pyGlob(full);
    if (matches.length === 0) {
      messages.warnings.push(`No file matches via include "${full}"`);
      continue;
    }
    for (const included of matches.sort()) {
      messages.infos.push(`Included extra file "${included}" during parsing`);
      let text: string | null = null;
      try {
        text = readFileSync(included, 'utf8');
      } catch {
        // ConfigParser.read() skips files it cannot open
      }
      if (text !== null) doc.read(text, included);
      doc.expandHere(path.dirname(path.resolve(included)));
    }
  }
  return doc;
}

/** Apply command-line values over the file's, then what realize() checks and normalises. */
function realize(reader: ConfigReader, fromFile: SupervisordOptions, cli: Partial<SupervisordOptions>): SupervisordOptions {
  const merged: SupervisordOptions = { ...fromFile };
  for (const [key, value] of Object.entries(cli) as [keyof SupervisordOptions, unknown][]) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  if (merged.user !== null) {
    const user = merged.user;
    const fromCli = cli.user !== undefined && cli.user !== null;
    try {
      merged.uid = nameToUid(user);
    } catch (err) {
      if (fromCli) throw new ConfigError((err as Error).message);
      reader.at(SUPERVISORD_SECTION, 'user', () => {
        throw err;
      });
    }
  }
  if (merged.logfile !== 'syslog' && merged.logfile !== null) merged.logfile = normalizePath(merged.logfile, reader.env);
  merged.pidfile = normalizePath(merged.pidfile, reader.env);
  return merged;
}

/** [supervisorctl] as supervisorctl would read it; supervisord itself never fails on that section. */
function readCtlSectionQuietly(reader: ConfigReader): LoadedConfig['supervisorctl'] {
  if (!reader.doc.has(SUPERVISORCTL_SECTION)) return null;
  try {
    return readSupervisorctlSection(reader);
  } catch (err) {
    if (err instanceof ConfigError) return null;
    throw err;
  }
}

export function loadConfig(opts: LoadConfigOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const messages: ParseMessages = { warnings: [], infos: [] };
  let file = opts.configFile;
  if (file === undefined) {
    if (process.getuid?.() === 0) messages.warnings.push(ROOT_SEARCH_WARNING);
    file = findConfigFile(opts.argv0) ?? undefined;
    if (file === undefined) throw new ConfigError(noConfigFileMessage(opts.argv0));
  }
  const here = path.dirname(path.resolve(file));
  const node = opts.hostNodeName ?? hostname();
  const environ = environExpansions(env);
  const doc = readDocument(file, here, environ, node, messages);
  if (!doc.has(SUPERVISORD_SECTION)) {
    throw new ConfigError('.ini file does not include supervisord section', { file });
  }
  const reader = new ConfigReader(doc, environ, file, here, messages, env, node);
  const fromFile = readSupervisordSection(reader);
  const rpcinterfaces = readRpcInterfaces(reader);
  const groups = readProcessGroups(reader, fromFile);
  const servers = readServers(reader);
  const supervisord = realize(reader, fromFile, opts.cliOverrides ?? {});
  for (const process of groups.flatMap((g) => g.processes)) rememberDaemonEnvironment(process, supervisord);
  const supervisorctl = readCtlSectionQuietly(reader);
  return {
    configFile: path.resolve(file),
    supervisord,
    groups,
    servers,
    rpcinterfaces,
    supervisorctl,
    warnings: messages.warnings,
    infos: messages.infos,
  };
}
