// Python int() parsing rules, since Supervisor converts numbers with int() and reports its exact error text.
import { ValueError } from './errors.js';
import { pyRepr } from '../python/repr.js';

const DECIMAL = /^\s*[+-]?[0-9]+(_[0-9]+)*\s*$/;
const OCTAL = /^\s*[+-]?(0[oO]_?)?[0-7]+(_[0-7]+)*\s*$/;

/** int(text): surrounding whitespace, a sign and digit-separating underscores are accepted. */
export function pyInt(text: string): number {
  if (!DECIMAL.test(text)) throw new ValueError(`invalid literal for int() with base 10: ${pyRepr(text)}`);
  return Number(text.trim().replace(/_/g, '')) + 0; // + 0 turns -0 into 0, as Python has no negative zero
}

/** int(text, 8), returning null when Python would raise. */
export function pyOctal(text: string): number | null {
  if (!OCTAL.test(text)) return null;
  const t = text.trim().replace(/_/g, '');
  const negative = t.startsWith('-');
  const digits = t.replace(/^[+-]/, '').replace(/^0[oO]/, '');
  const n = parseInt(digits, 8);
  return negative ? -n + 0 : n;
}
