// strip_ansi: Supervisor removes everything from `ESC[` up to and including the first byte that is
// one of `HfABCDRsuJKhlpm` (so an unterminated sequence swallows the rest of the chunk, as there).
const ESC = 0x1b;
const BRACKET = 0x5b;
const TERMINATORS = new Uint8Array(256);
for (const ch of 'HfABCDRsuJKhlpm') TERMINATORS[ch.charCodeAt(0)] = 1;

export function stripAnsi(data: Buffer): Buffer {
  const first = data.indexOf(ESC);
  // fast path: nothing to strip
  if (first === -1) return data;
  // a plain byte loop: native indexOf/copy calls per escape cost more than they save here
  const out = Buffer.allocUnsafe(data.length);
  data.copy(out, 0, 0, first);
  let outLen = first;
  const len = data.length;
  let i = first;
  while (i < len) {
    const byte = data[i];
    if (byte === ESC && i + 1 < len && data[i + 1] === BRACKET) {
      i += 2;
      while (i < len && TERMINATORS[data[i]] === 0) i++;
      i++; // the terminator itself
      continue;
    }
    out[outLen++] = byte;
    i++;
  }
  return out.subarray(0, outLen);
}
