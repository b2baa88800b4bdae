// Python's repr() of a str, because Supervisor's messages embed values with %r.

/** repr(s) as CPython prints it: single quotes unless the text holds ' and no ". */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** str() of a Python tuple of strings, e.g. ValueError("msg %s", x) prints ('msg %s', 'x'). */
export function pyTupleRepr(items: string[]): string {
  return '(' + items.map(pyRepr).join(', ') + (items.length === 1 ? ',)' : ')');
}
