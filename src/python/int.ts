// Python's int() parsing rules: Supervisor converts numbers with int(), so what it accepts we accept.

const DIGITS = '[+-]?[0-9]+(?:_[0-9]+)*';
// int(str) strips Unicode whitespace (JS \s is close enough); int(bytes) only ASCII whitespace
const DECIMAL = new RegExp(`^\\s*${DIGITS}\\s*$`);
const DECIMAL_BYTES = new RegExp(`^[ \\t\\n\\r\\f\\v]*${DIGITS}[ \\t\\n\\r\\f\\v]*$`);
const OCTAL = /^\s*[+-]?(0[oO]_?)?[0-7]+(_[0-7]+)*\s*$/;

function toNumber(text: string): number {
  return Number(text.trim().replace(/_/g, '')) + 0; // + 0 turns -0 into 0, as Python has no negative zero
}

/** int(text): surrounding whitespace, a sign and digit-separating underscores are accepted; null where Python raises. */
export function parsePythonInt(text: string): number | null {
  return DECIMAL.test(text) ? toNumber(text) : null;
}

/** int(data) for bytes, e.g. the length in an event listener's `RESULT 2` line; null where Python raises. */
export function parsePythonIntBytes(data: Uint8Array): number | null {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  return DECIMAL_BYTES.test(text) ? toNumber(text) : null;
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
