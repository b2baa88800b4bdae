// Python text conventions Supervisor's messages rely on: repr() of bytes, and as_string() with the
// `Undecodable: %r` fallback events.py and dispatchers.py use for output that is not valid UTF-8.

/** repr(b'...') exactly as CPython 3 renders it. */
export function pythonBytesRepr(data: Uint8Array): string {
  const SINGLE = 0x27;
  const DOUBLE = 0x22;
  // CPython switches to double quotes only when the data has a ' and no "
  const quote = data.includes(SINGLE) && !data.includes(DOUBLE) ? DOUBLE : SINGLE;
  let out = 'b' + String.fromCharCode(quote);
  for (const c of data) {
    if (c === quote || c === 0x5c) out += '\\' + String.fromCharCode(c);
    else if (c === 0x09) out += '\\t';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += String.fromCharCode(c);
  }
  return out + String.fromCharCode(quote);
}

/** Python's as_string(bytes) (strict UTF-8, BOM kept), or `Undecodable: b'...'` when that fails. */
export function decodeOrDescribe(data: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    return `Undecodable: ${pythonBytesRepr(data)}`;
  }
}
