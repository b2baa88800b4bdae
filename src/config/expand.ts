// Python `str % dict` formatting, which Supervisor applies to option values (`%(program_name)s`, `%(process_num)02d`).
import { ValueError } from './errors.js';
import { pyRepr } from '../python/repr.js';

export type Expansions = Record<string, string | number>;

/** What Python would raise; `kind` picks Supervisor's message shape. */
export class FormatError extends Error {
  constructor(
    readonly kind: 'KeyError' | 'ValueError' | 'TypeError',
    message: string,
  ) {
    super(message);
  }
}

interface Spec {
  flags: string;
  width: number | null;
  precision: number | null;
  conversion: string;
}

function typeName(v: string | number): string {
  return typeof v === 'string' ? 'str' : Number.isInteger(v) ? 'int' : 'float';
}

function pad(text: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  if (text.length >= width) return text;
  if (spec.flags.includes('-')) return text.padEnd(width);
  if (numeric && spec.flags.includes('0')) {
    const sign = /^[+\- ]/.test(text) ? text[0]! : '';
    let body = sign ? text.slice(1) : text;
    let prefix = '';
    const alt = /^0[xXo]/.exec(body);
    if (alt) {
      prefix = alt[0];
      body = body.slice(2);
    }
    return sign + prefix + body.padStart(width - sign.length - prefix.length, '0');
  }
  return text.padStart(width);
}

function signed(negative: boolean, digits: string, flags: string): string {
  if (negative) return '-' + digits;
  if (flags.includes('+')) return '+' + digits;
  if (flags.includes(' ')) return ' ' + digits;
  return digits;
}

function formatInteger(value: number, spec: Spec): string {
  const n = Math.trunc(value);
  const radix = spec.conversion === 'o' ? 8 : spec.conversion === 'x' || spec.conversion === 'X' ? 16 : 10;
  let digits = Math.abs(n).toString(radix);
  if (spec.conversion === 'X') digits = digits.toUpperCase();
  if (spec.precision !== null) digits = digits.padStart(spec.precision, '0');
  if (spec.flags.includes('#') && radix !== 10) digits = (spec.conversion === 'o' ? '0o' : spec.conversion === 'x' ? '0x' : '0X') + digits;
  return pad(signed(n < 0, digits, spec.flags), spec, true);
}

function formatFloat(value: number, spec: Spec): string {
  const precision = spec.precision ?? 6;
  const abs = Math.abs(value);
  let body: string;
  switch (spec.conversion.toLowerCase()) {
    case 'e':
      body = abs.toExponential(precision).replace(/e([+-])(\d)$/, 'e$10$2');
      break;
    case 'f':
      body = abs.toFixed(precision);
      break;
    default: {
      // %g: shortest of %e/%f at the given significant digits, trailing zeros dropped
      const p = precision === 0 ? 1 : precision;
      const exp = abs === 0 ? 0 : Math.floor(Math.log10(abs));
      if (exp < -4 || exp >= p) {
        body = abs.toExponential(p - 1).replace(/\.?0+e/, 'e').replace(/e([+-])(\d)$/, 'e$10$2');
      } else {
        body = abs.toFixed(Math.max(0, p - 1 - exp));
        if (body.includes('.') && !spec.flags.includes('#')) body = body.replace(/\.?0+$/, '');
      }
    }
  }
  if (spec.conversion === spec.conversion.toUpperCase()) body = body.toUpperCase();
  return pad(signed(value < 0, body, spec.flags), spec, true);
}

function convert(value: string | number, spec: Spec): string {
  const c = spec.conversion;
  if (c === 's' || c === 'r' || c === 'a') {
    let text = c === 's' || typeof value === 'number' ? String(value) : pyRepr(value);
    if (spec.precision !== null) text = text.slice(0, spec.precision);
    return pad(text, spec, false);
  }
  if ('diu'.includes(c)) {
    if (typeof value !== 'number') throw new FormatError('TypeError', `%${c} format: a real number is required, not str`);
    return formatInteger(value, spec);
  }
  if ('oxX'.includes(c)) {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw new FormatError('TypeError', `%${c} format: an integer is required, not ${typeName(value)}`);
    }
    return formatInteger(value, spec);
  }
  if ('eEfFgG'.includes(c)) {
    if (typeof value !== 'number') throw new FormatError('TypeError', 'must be real number, not str');
    return formatFloat(value, spec);
  }
  // %c
  if (typeof value === 'number') return pad(String.fromCodePoint(value), spec, false);
  if ([...value].length !== 1) throw new FormatError('TypeError', '%c requires int or char');
  return pad(value, spec, false);
}

/**
 * `format % mapping` with CPython's rules and error texts. A spec without a `(name)` would format the whole mapping in
 * Python (e.g. `date +%s`); that is refused here with a hint instead of printing a dict.
 */
export function pyFormat(format: string, mapping: Expansions): string {
  let out = '';
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct === -1) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    if (i >= format.length) throw new FormatError('ValueError', 'incomplete format');
    let key: string | null = null;
    if (format[i] === '(') {
      let depth = 1;
      const start = ++i;
      while (i < format.length && depth > 0) {
        if (format[i] === '(') depth++;
        else if (format[i] === ')') depth--;
        i++;
      }
      if (depth > 0) throw new FormatError('ValueError', 'incomplete format key');
      key = format.slice(start, i - 1);
    }
    let flags = '';
    while (i < format.length && '-+ #0'.includes(format[i]!)) flags += format[i++];
    let width: number | null = null;
    if (format[i] === '*') throw new FormatError('TypeError', '* wants int');
    while (i < format.length && /[0-9]/.test(format[i]!)) width = (width ?? 0) * 10 + Number(format[i++]);
    let precision: number | null = null;
    if (format[i] === '.') {
      i++;
      if (format[i] === '*') throw new FormatError('TypeError', '* wants int');
      precision = 0;
      while (i < format.length && /[0-9]/.test(format[i]!)) precision = precision * 10 + Number(format[i++]);
    }
    while (i < format.length && 'hlL'.includes(format[i]!)) i++;
    if (i >= format.length) throw new FormatError('ValueError', 'incomplete format');
    const conversion = format[i]!;
    if (conversion === '%') {
      out += '%';
      i++;
      continue;
    }
    if (!'sradiuoxXeEfFgGc'.includes(conversion)) {
      const code = conversion.codePointAt(0)!;
      throw new FormatError(
        'ValueError',
        `unsupported format character ${pyRepr(conversion)} (0x${code.toString(16)}) at index ${i}`,
      );
    }
    i++;
    if (key === null) {
      throw new FormatError(
        'TypeError',
        `'%${conversion}' has no (name): write %%${conversion} for a literal percent sign`,
      );
    }
    if (!Object.prototype.hasOwnProperty.call(mapping, key)) throw new FormatError('KeyError', pyRepr(key));
    out += convert(mapping[key]!, { flags, width, precision, conversion });
  }
  return out;
}

/** Supervisor's expand(): pyFormat with its error texts (raised as ValueError for the caller to locate). */
export function expand(value: string, expansions: Expansions, name: string): string {
  try {
    return pyFormat(value, expansions);
  } catch (err) {
    if (!(err instanceof FormatError)) throw err;
    if (err.kind === 'KeyError') {
      const available = Object.keys(expansions).sort().join(', ');
      throw new ValueError(
        `Format string ${pyRepr(value)} for ${pyRepr(name)} contains names (${err.message}) which cannot be ` +
          `expanded. Available names: ${available}`,
      );
    }
    throw new ValueError(`Format string ${pyRepr(value)} for ${pyRepr(name)} is badly formatted: ${err.message}`);
  }
}
