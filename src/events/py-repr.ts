// Python's repr() of a bytes object, needed because events.py puts `Undecodable: %r` into payloads
// when child output is not valid UTF-8.

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
