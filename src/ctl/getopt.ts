// A port of the semantics of Python's getopt.getopt (not GNU style): option parsing stops at the first
// non-option word, long options may be abbreviated to a unique prefix. supervisorctl's usage errors are
// phrased by getopt, so matching its rules keeps our messages identical.

export class GetoptError extends Error {}

export interface ParsedOption {
  /** '-s' or '--serverurl' (long names are reported in full even when abbreviated) */
  name: string;
  /** '' for flags */
  value: string;
}

export interface GetoptResult {
  options: ParsedOption[];
  rest: string[];
}

/**
 * @param shortSpec e.g. "h?c:i" — a letter followed by ':' takes an argument
 * @param longSpec e.g. ["help", "configuration="] — a trailing '=' takes an argument
 */
export function getopt(argv: readonly string[], shortSpec: string, longSpec: readonly string[]): GetoptResult {
  const options: ParsedOption[] = [];
  const args = [...argv];
  while (args.length > 0 && args[0].startsWith('-') && args[0] !== '-') {
    const word = args.shift() as string;
    if (word === '--') break;
    if (word.startsWith('--')) parseLong(word.slice(2), args, longSpec, options);
    else parseShortCluster(word.slice(1), args, shortSpec, options);
  }
  return { options, rest: args };
}

function parseLong(text: string, args: string[], longSpec: readonly string[], out: ParsedOption[]): void {
  const eq = text.indexOf('=');
  const typed = eq >= 0 ? text.slice(0, eq) : text;
  let inlineValue: string | null = eq >= 0 ? text.slice(eq + 1) : null;
  const { name, takesArg } = resolveLong(typed, longSpec);
  if (takesArg) {
    if (inlineValue === null) {
      if (args.length === 0) throw new GetoptError(`option --${name} requires argument`);
      inlineValue = args.shift() as string;
    }
  } else if (inlineValue !== null) {
    throw new GetoptError(`option --${name} must not have an argument`);
  }
  out.push({ name: `--${name}`, value: inlineValue ?? '' });
}

function resolveLong(typed: string, longSpec: readonly string[]): { name: string; takesArg: boolean } {
  const candidates = longSpec.filter((spec) => spec.startsWith(typed));
  if (candidates.length === 0) throw new GetoptError(`option --${typed} not recognized`);
  if (candidates.includes(typed)) return { name: typed, takesArg: false };
  if (candidates.includes(`${typed}=`)) return { name: typed, takesArg: true };
  if (candidates.length > 1) throw new GetoptError(`option --${typed} not a unique prefix`);
  const only = candidates[0];
  return only.endsWith('=') ? { name: only.slice(0, -1), takesArg: true } : { name: only, takesArg: false };
}

function parseShortCluster(cluster: string, args: string[], shortSpec: string, out: ParsedOption[]): void {
  let rest = cluster;
  while (rest.length > 0) {
    const letter = rest[0];
    rest = rest.slice(1);
    const at = letter === ':' ? -1 : shortSpec.indexOf(letter);
    if (at < 0) throw new GetoptError(`option -${letter} not recognized`);
    if (shortSpec[at + 1] === ':') {
      let value = rest;
      if (value === '') {
        if (args.length === 0) throw new GetoptError(`option -${letter} requires argument`);
        value = args.shift() as string;
      }
      out.push({ name: `-${letter}`, value });
      return;
    }
    out.push({ name: `-${letter}`, value: '' });
  }
}
