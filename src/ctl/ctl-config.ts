// Reads the [supervisorctl] section for supervisorctl. Errors become usage errors (exit 2) that name the
// file and, for syntax problems, the line.
// TODO(config): switch to loadCtlConfig() from src/config/ once it lands; this is a small stand-in that
// understands what supervisorctl needs (sections, key=value / key: value, ; and # comments, continuation
// lines, %(here)s and %(ENV_X)s expansion).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { homedir } from 'node:os';
import type { SupervisorctlOptions } from '../config/model.js';
import { CtlUsageError } from './errors.js';

type Section = Map<string, { value: string; line: number }>;

function parseIni(text: string, file: string): Map<string, Section> {
  const sections = new Map<string, Section>();
  let current: Section | null = null;
  let lastKey: string | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '' || /^\s*[;#]/.test(raw) || /^rem\s/i.test(raw)) return;
    if (/^\s/.test(raw) && current && lastKey) {
      const entry = current.get(lastKey);
      if (entry) entry.value += `\n${stripInlineComment(raw).trim()}`;
      return;
    }
    const header = /^\[([^\]]+)\]/.exec(raw);
    if (header) {
      const name = header[1].trim();
      current = sections.get(name) ?? new Map();
      sections.set(name, current);
      lastKey = null;
      return;
    }
    if (!current) throw new CtlUsageError(`File contains no section headers: file ${file}, line ${lineNo}: ${raw}`);
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (!kv) throw new CtlUsageError(`Source contains parsing errors: file ${file}, line ${lineNo}: ${raw}`);
    lastKey = kv[1].trim().toLowerCase();
    current.set(lastKey, { value: stripInlineComment(kv[2]).trim(), line: lineNo });
  });
  return sections;
}

/** Python's inline_comment_prefixes: ';' or '#' preceded by whitespace starts a comment. */
function stripInlineComment(value: string): string {
  const m = /\s[;#]/.exec(value);
  return m ? value.slice(0, m.index) : value;
}

/** `%(name)s` expansion over here + ENV_*; `%%` is a literal percent. */
function expand(value: string, vars: Record<string, string>, where: string): string {
  return value.replace(/%(%|\(([^)]*)\)s)/g, (whole, pct: string, key: string | undefined) => {
    if (pct === '%') return '%';
    const v = vars[key as string];
    if (v === undefined) {
      throw new CtlUsageError(`${where}: format string ${JSON.stringify(value)} refers to unknown key ${key}`);
    }
    return v;
  });
}

function normalizePath(p: string): string {
  const expanded = p === '~' || p.startsWith('~/') ? homedir() + p.slice(1) : p;
  return resolve(expanded);
}

export function readCtlConfigFile(file: string): SupervisorctlOptions {
  if (!existsSync(file)) throw new CtlUsageError(`could not find config file ${file}`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CtlUsageError(`could not read config file ${file}`);
  }
  const section = parseIni(text, file).get('supervisorctl');
  if (!section) throw new CtlUsageError('.ini file does not include supervisorctl section');
  const vars: Record<string, string> = { here: dirname(resolve(file)) };
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) vars[`ENV_${k}`] = v;
  const get = (key: string): string | null => {
    const entry = section.get(key);
    return entry ? expand(entry.value, vars, `${file} line ${entry.line}`) : null;
  };
  let serverurl = get('serverurl') ?? 'http://localhost:9001';
  if (serverurl.startsWith('unix://')) serverurl = `unix://${normalizePath(serverurl.slice('unix://'.length))}`;
  const history = get('history_file');
  return {
    serverurl,
    username: get('username'),
    password: get('password'),
    prompt: get('prompt') ?? 'supervisor',
    historyFile: history ? normalizePath(history) : null,
  };
}
