// A reader for INI text that behaves like Python's RawConfigParser as Supervisor configures it
// (inline_comment_prefixes=(';','#'), strict=False, no interpolation, option names lower-cased).
import { ConfigError } from './errors.js';
import { pyRepr } from '../python/repr.js';

export interface IniEntry {
  value: string;
  file: string;
  line: number;
}

export interface IniSection {
  name: string;
  /** the file that first declared the section (Supervisor's section_to_file) */
  file: string;
  line: number;
  entries: Map<string, IniEntry>;
}

const DEFAULT_SECTION = 'DEFAULT';
const SECTION_HEADER = /^\[(.+)\]/;
const COMMENT_PREFIXES = [';', '#'];

/** Where an inline comment starts: a prefix at column 0 or right after whitespace. */
function inlineCommentStart(line: string): number | null {
  let start: number | null = null;
  for (const prefix of COMMENT_PREFIXES) {
    let index = line.indexOf(prefix);
    while (index !== -1) {
      if (index === 0 || /\s/.test(line[index - 1] ?? '')) {
        if (start === null || index < start) start = index;
        break;
      }
      index = line.indexOf(prefix, index + 1);
    }
  }
  return start;
}

/** Split like Python's universal-newline text mode; each line keeps its '\n' (for error reprs). */
function splitLines(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n').map((l) => l + '\n');
  const last = lines.length - 1;
  if (lines[last] === '\n') lines.pop();
  else lines[last] = lines[last]!.slice(0, -1);
  return lines;
}

interface PendingValue {
  lines: string[];
  file: string;
  line: number;
}

export class IniDocument {
  readonly defaults = new Map<string, IniEntry>();
  readonly sections = new Map<string, IniSection>();

  /** Section names in declaration order, without DEFAULT (like ConfigParser.sections()). */
  sectionNames(): string[] {
    return [...this.sections.keys()];
  }

  has(section: string): boolean {
    return this.sections.has(section);
  }

  /** The entry for option in section, falling back to [DEFAULT]. */
  get(section: string, option: string): IniEntry | undefined {
    return this.sections.get(section)?.entries.get(option) ?? this.defaults.get(option);
  }

  /** Option names of a section followed by [DEFAULT] names not already present (ConfigParser.options order). */
  options(section: string): string[] {
    const own = [...(this.sections.get(section)?.entries.keys() ?? [])];
    return [...own, ...[...this.defaults.keys()].filter((k) => !own.includes(k))];
  }

  /**
   * Parse text as the file `fileName` into this document (later files merge over earlier ones, last value wins).
   * Throws ConfigError with ConfigParser's texts on malformed input.
   */
  read(text: string, fileName: string): void {
    const lines = splitLines(text);
    const bad: string[] = [];
    const pending = new Map<Map<string, IniEntry>, Map<string, PendingValue>>();
    let current: Map<string, IniEntry> | null = null;
    let currentPending: Map<string, PendingValue> | null = null;
    let optionName: string | null = null;
    let indentLevel = 0;

    lines.forEach((rawLine, index) => {
      const lineNo = index + 1;
      let commentStart = inlineCommentStart(rawLine);
      if (COMMENT_PREFIXES.some((p) => rawLine.trim().startsWith(p))) commentStart = 0;
      const value = (commentStart === null ? rawLine : rawLine.slice(0, commentStart)).trim();
      if (value === '') {
        // blank lines belong to a multi-line value unless they carried a comment
        if (commentStart === null && currentPending && optionName !== null) {
          currentPending.get(optionName)?.lines.push('');
        }
        return;
      }
      const firstNonSpace = rawLine.search(/\S/);
      const indent = firstNonSpace === -1 ? 0 : firstNonSpace;
      if (currentPending && optionName !== null && indent > indentLevel) {
        currentPending.get(optionName)?.lines.push(value);
        return;
      }
      indentLevel = indent;
      const header = SECTION_HEADER.exec(value);
      if (header) {
        const name = header[1]!;
        if (name === DEFAULT_SECTION) {
          current = this.defaults;
        } else {
          let section = this.sections.get(name);
          if (!section) {
            section = { name, file: fileName, line: lineNo, entries: new Map() };
            this.sections.set(name, section);
          }
          current = section.entries;
        }
        currentPending = pending.get(current) ?? new Map<string, PendingValue>();
        pending.set(current, currentPending);
        optionName = null;
        return;
      }
      if (!current || !currentPending) {
        throw new ConfigError(
          `File contains no section headers.\nfile: ${pyRepr(fileName)}, line: ${lineNo}\n${pyRepr(rawLine)}`,
        );
      }
      // the first `=` or `:` separates name and value (ConfigParser's OPTCRE, without its quadratic regex)
      const separator = value.search(/[=:]/);
      const name = separator === -1 ? '' : value.slice(0, separator).trimEnd();
      if (name === '') bad.push(`\n\t[line ${String(lineNo).padStart(2)}]: ${pyRepr(rawLine)}`);
      if (separator === -1) return;
      optionName = name.toLowerCase();
      currentPending.set(optionName, { lines: [value.slice(separator + 1).trim()], file: fileName, line: lineNo });
      // keep the first-insertion position of a redefined key, like a Python dict
      current.set(optionName, { value: '', file: fileName, line: lineNo });
    });

    for (const [target, values] of pending) {
      for (const [name, pv] of values) {
        target.set(name, { value: pv.lines.join('\n').trimEnd(), file: pv.file, line: pv.line });
      }
    }
    if (bad.length > 0) {
      throw new ConfigError(`Source contains parsing errors: ${pyRepr(fileName)}${bad.join('')}`);
    }
  }

  /**
   * Supervisor's textual `%(here)s` substitution, done after each file is read when [include] exists: every value
   * visible in a section (its own and inherited DEFAULT ones) containing the literal is rewritten into that section.
   */
  expandHere(here: string): void {
    const marker = '%(here)s';
    for (const section of this.sections.values()) {
      for (const name of this.options(section.name)) {
        const entry = this.get(section.name, name)!;
        if (entry.value.includes(marker)) {
          section.entries.set(name, { ...entry, value: entry.value.split(marker).join(here) });
        }
      }
    }
  }
}
