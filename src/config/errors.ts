// Errors raised while reading configuration.
import { pyRepr } from '../python/repr.js';

/**
 * A converter-level failure carrying Supervisor's own text (Python's ValueError); the section readers turn it into a
 * ConfigError that also names the file and line.
 */
export class ValueError extends Error {
  override name = 'ValueError';
}

export interface ErrorLocation {
  file?: string;
  line?: number;
  section?: string;
  option?: string;
}

/** A configuration problem. `message` is the complete text to print: Supervisor's wording plus where it happened. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** Supervisor's text without our location suffix (what the real supervisord prints). */
  readonly baseMessage: string;
  readonly file?: string;
  readonly line?: number;
  readonly section?: string;
  readonly option?: string;

  constructor(baseMessage: string, location: ErrorLocation = {}) {
    super(baseMessage + locationSuffix(location));
    this.baseMessage = baseMessage;
    this.file = location.file;
    this.line = location.line;
    this.section = location.section;
    this.option = location.option;
  }
}

/** ` in section 'program:x' (file: '/etc/x.conf', line 12)`, shaped like Supervisor's own suffix for programs. */
export function locationSuffix(loc: ErrorLocation): string {
  if (loc.file === undefined) return loc.section === undefined ? '' : ` in section ${pyRepr(loc.section)}`;
  const where = `file: ${pyRepr(loc.file)}` + (loc.line === undefined ? '' : `, line ${loc.line}`);
  return loc.section === undefined ? ` (${where})` : ` in section ${pyRepr(loc.section)} (${where})`;
}

/** Re-throw a converter's ValueError as a located ConfigError; anything else passes through. */
export function locate(err: unknown, location: ErrorLocation): never {
  if (err instanceof ValueError) throw new ConfigError(err.message, location);
  throw err;
}
