// Python's repr() of str and bytes, and as_string()'s `Undecodable: %r` fallback: Supervisor embeds
// values in its messages with %r, and scripts match those messages, so ours must render them alike.

// what str.isprintable() rejects: control, format, surrogate, private, unassigned, separators (space aside)
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

const SINGLE_QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** repr(text) as CPython 3 renders it: single quotes unless the text holds ' and no ". */
export function pyRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) out += escapeStrChar(ch, quote);
  return out + quote;
}

function escapeStrChar(ch: string, quote: string): string {
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (ch === '\t') return '\\t';
  if (ch === '\n') return '\\n';
  if (ch === '\r') return '\\r';
  if (ch === ' ' || !NON_PRINTABLE.test(ch)) return ch;
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x100) return '\\x' + code.toString(16).padStart(2, '0');
  if (code < 0x10000) return '\\u' + code.toString(16).padStart(4, '0');
  return '\\U' + code.toString(16).padStart(8, '0');
}

/** str() of a Python tuple of strings, e.g. ValueError("msg %s", x) prints ('msg %s', 'x'). */
export function pyTupleRepr(items: string[]): string {
  return '(' + items.map(pyRepr).join(', ') + (items.length === 1 ? ',)' : ')');
}

/** repr(b'...') as CPython 3 renders it: printable ASCII kept, everything else escaped. */
export function pyBytesRepr(data: Uint8Array): string {
  // CPython switches to double quotes only when the data has a ' and no "
  const quote = data.includes(SINGLE_QUOTE) && !data.includes(DOUBLE_QUOTE) ? DOUBLE_QUOTE : SINGLE_QUOTE;
  let out = 'b' + String.fromCharCode(quote);
  for (const byte of data) out += escapeByte(byte, quote);
  return out + String.fromCharCode(quote);
}

function escapeByte(byte: number, quote: number): string {
  if (byte === quote || byte === BACKSLASH) return '\\' + String.fromCharCode(byte);
  if (byte === 0x09) return '\\t';
  if (byte === 0x0a) return '\\n';
  if (byte === 0x0d) return '\\r';
  if (byte < 0x20 || byte >= 0x7f) return '\\x' + byte.toString(16).padStart(2, '0');
  return String.fromCharCode(byte);
}

// strict like Python's bytes.decode('utf-8'), which also keeps a leading BOM as U+FEFF
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Supervisor's as_string(bytes), or `Undecodable: b'...'` when the data is not valid UTF-8. */
export function decodeOrDescribe(data: Uint8Array): string {
  try {
    return strictUtf8.decode(data);
  } catch {
    return `Undecodable: ${pyBytesRepr(data)}`;
  }
}
