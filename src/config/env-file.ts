// The `env_file=` extension: .env files (KEY=value lines) loaded into a process environment.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ValueError } from './errors.js';

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOUBLE_QUOTED_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

/** Thrown for a bad line, naming the .env file and its line (the caller adds where env_file was set). */
export class EnvFileError extends ValueError {
  constructor(
    readonly envFile: string,
    readonly envLine: number | null,
    detail: string,
  ) {
    super(envLine === null ? `env_file ${envFile}: ${detail}` : `env_file ${envFile}, line ${envLine}: ${detail}`);
  }
}

/** The text after a closing quote may only be blank or a `#` comment. */
function checkTrailing(rest: string, file: string, line: number): void {
  if (rest.trim() !== '' && !/^\s+#/.test(rest) && !rest.trim().startsWith('#')) {
    throw new EnvFileError(file, line, `unexpected text after the closing quote: ${rest.trim()}`);
  }
}

function parseValue(raw: string, file: string, line: number): string {
  if (raw.startsWith("'")) {
    const end = raw.indexOf("'", 1);
    if (end === -1) throw new EnvFileError(file, line, 'missing closing single quote');
    checkTrailing(raw.slice(end + 1), file, line);
    return raw.slice(1, end);
  }
  if (raw.startsWith('"')) {
    let value = '';
    for (let i = 1; i < raw.length; i++) {
      const ch = raw[i]!;
      if (ch === '"') {
        checkTrailing(raw.slice(i + 1), file, line);
        return value;
      }
      if (ch === '\\' && i + 1 < raw.length) {
        const next = raw[++i]!;
        value += DOUBLE_QUOTED_ESCAPES[next] ?? '\\' + next;
      } else {
        value += ch;
      }
    }
    throw new EnvFileError(file, line, 'missing closing double quote');
  }
  // unquoted: an inline comment needs whitespace before `#`, like in the INI files
  return raw.replace(/(^|\s+)#.*$/, '').trim();
}

/** Parse .env text: `KEY=value` lines, `#` comments, blank lines, optional `export ` prefix. */
export function parseEnvFile(text: string, file: string): Record<string, string> {
  const result = new Map<string, string>();
  text.split(/\r\n|\r|\n/).forEach((rawLine, index) => {
    const line = index + 1;
    let body = rawLine.trim();
    if (body === '' || body.startsWith('#')) return;
    if (/^export\s/.test(body)) body = body.slice(6).trimStart();
    const eq = body.indexOf('=');
    if (eq === -1) throw new EnvFileError(file, line, `expected KEY=value, got ${JSON.stringify(rawLine)}`);
    const key = body.slice(0, eq).trim();
    if (!KEY.test(key)) throw new EnvFileError(file, line, `invalid variable name ${JSON.stringify(key)}`);
    result.set(key, parseValue(body.slice(eq + 1).trim(), file, line));
  });
  return Object.fromEntries(result);
}

/** Read every file of an `env_file=` value (whitespace-separated, relative to baseDir); later files win. */
export function loadEnvFiles(value: string, baseDir: string): Record<string, string> {
  const merged = new Map<string, string>();
  for (const name of value.split(/\s+/).filter((n) => n !== '')) {
    const file = path.resolve(baseDir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new EnvFileError(file, null, `cannot be read (${code})`);
    }
    for (const [key, val] of Object.entries(parseEnvFile(text, file))) merged.set(key, val);
  }
  return Object.fromEntries(merged);
}
