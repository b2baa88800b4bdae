// Option access for the section readers: Supervisor's saneget() (value or default, then `%(name)s` expansion)
// plus the file/line of every value so that errors can say where they come from.
import type { IniDocument } from './ini.js';
import { ConfigError, locate, type ErrorLocation } from './errors.js';
import { expand, type Expansions } from './expand.js';
import { isDirectory } from './glob.js';

export interface ParseMessages {
  warnings: string[];
  infos: string[];
}

export class ConfigReader {
  constructor(
    readonly doc: IniDocument,
    /** `ENV_X` names visible to every expansion (Supervisor's parser.expansions); grows with [supervisord] environment */
    readonly environ: Expansions,
    /** the main config file as named by the user (used when a section has no better source) */
    readonly mainFile: string,
    /** directory of the main config file */
    readonly here: string,
    readonly messages: ParseMessages,
    readonly env: NodeJS.ProcessEnv,
    readonly hostNodeName: string,
  ) {}

  private readonly directories = new Map<string, boolean>();

  /** os.path.isdir, asked once per path and load: a thousand programs often log into one directory */
  isDirectory(path: string): boolean {
    let known = this.directories.get(path);
    if (known === undefined) {
      known = isDirectory(path);
      this.directories.set(path, known);
    }
    return known;
  }

  has(section: string, option: string): boolean {
    return this.doc.get(section, option) !== undefined;
  }

  location(section: string, option?: string): ErrorLocation {
    const entry = option === undefined ? undefined : this.doc.get(section, option);
    const declared = this.doc.sections.get(section);
    return {
      section,
      option: entry ? option : undefined,
      file: entry?.file ?? declared?.file ?? this.mainFile,
      line: entry?.line ?? declared?.line,
    };
  }

  /** Run a conversion; a ValueError it raises becomes a ConfigError at the option (or the section header). */
  at<T>(section: string, option: string | undefined, convert: () => T): T {
    try {
      return convert();
    } catch (err) {
      return locate(err, this.location(section, option));
    }
  }

  fail(message: string, section: string, option?: string): never {
    throw new ConfigError(message, this.location(section, option));
  }

  /** The raw text of an option, if set (in the section or in [DEFAULT]). */
  raw(section: string, option: string): string | undefined {
    return this.doc.get(section, option)?.value;
  }

  /** saneget(): the option's value (or the default), expanded with ENV_ names plus `names` unless doExpand is false. */
  get(section: string, option: string, fallback: string, names?: Expansions, doExpand?: boolean): string;
  get(section: string, option: string, fallback: null, names?: Expansions, doExpand?: boolean): string | null;
  get(section: string, option: string, fallback: string | null, names: Expansions = {}, doExpand = true): string | null {
    const value = this.raw(section, option) ?? fallback;
    // without a '%' Python's `value % names` is the value itself: skip building the (large) names object
    if (value === null || !doExpand || !value.includes('%')) return value;
    return this.at(section, option, () => expand(value, { ...this.environ, ...names }, `${section}.${option}`));
  }

  /** get() then a converter, with errors located at the option. */
  read<T>(section: string, option: string, fallback: string, convert: (v: string) => T, names?: Expansions): T {
    const value = this.get(section, option, fallback, names);
    return this.at(section, option, () => convert(value));
  }

  /** Like read() for options without a default: null when absent. */
  readOptional<T>(section: string, option: string, convert: (v: string) => T, names?: Expansions): T | null {
    const value = this.get(section, option, null, names);
    return value === null ? null : this.at(section, option, () => convert(value));
  }
}
