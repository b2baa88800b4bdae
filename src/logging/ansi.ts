// strip_ansi: Supervisor removes everything from `ESC[` up to and including the first byte that is
// one of `HfABCDRsuJKhlpm` (so an unterminated sequence swallows the rest of the chunk, as there).
const ESC = 0x1b;
const BRACKET = 0x5b;
const TERMINATORS = new Uint8Array(256);
for (const ch of 'HfABCDRsuJKhlpm') TERMINATORS[ch.charCodeAt(0)] = 1;

export function stripAnsi(data: Buffer): Buffer {
  let start = data.indexOf(ESC);
  // fast path: nothing to strip
  if (start === -1) return data;
  const parts: Buffer[] = [];
  let pos = 0;
  while (start !== -1) {
    if (data[start + 1] !== BRACKET) {
      start = data.indexOf(ESC, start + 1);
      continue;
    }
    if (start > pos) parts.push(data.subarray(pos, start));
    let i = start + 2;
    while (i < data.length && TERMINATORS[data[i]] === 0) i++;
    pos = i + 1;
    if (pos >= data.length) {
      pos = data.length;
      break;
    }
    start = data.indexOf(ESC, pos);
  }
  if (pos < data.length) parts.push(data.subarray(pos));
  return Buffer.concat(parts);
}
