// Python's int() parsing rules: Supervisor converts numbers with int(), so what it accepts we accept.

const DECIMAL = /^\s*[+-]?[0-9]+(_[0-9]+)*\s*$/;
const OCTAL = /^\s*[+-]?(0[oO]_?)?[0-7]+(_[0-7]+)*\s*$/;

/** int(text): surrounding whitespace, a sign and digit-separating underscores are accepted; null where Python raises. */
export function parsePythonInt(text: string): number | null {
  if (!DECIMAL.test(text)) return null;
  return Number(text.trim().replace(/_/g, '')) + 0; // + 0 turns -0 into 0, as Python has no negative zero
}

/** int(text, 8), or null where Python raises. */
export function parsePythonOctal(text: string): number | null {
  if (!OCTAL.test(text)) return null;
  const t = text.trim().replace(/_/g, '');
  const negative = t.startsWith('-');
  const digits = t.replace(/^[+-]/, '').replace(/^0[oO]/, '');
  const n = parseInt(digits, 8);
  return negative ? -n + 0 : n;
}
