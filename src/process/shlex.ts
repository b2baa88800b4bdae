// POSIX-mode shlex.split as Python's shlex module does it (comments off), used for `command=`.
// Errors carry Python's exact messages because Supervisor embeds them in spawn errors.

const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

export class ShlexError extends Error {}

/** Split `text` into words like `shlex.split(text)` (posix=True, comments=False). */
export function shlexSplit(text: string): string[] {
  const words: string[] = [];
  let word = '';
  // a quoted empty string ('' or "") still makes a word, so track "in a word" separately
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (WHITESPACE.has(c)) {
      if (inWord) {
        words.push(word);
        word = '';
        inWord = false;
      }
      i++;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new ShlexError('No escaped character');
      word += text[i + 1];
      inWord = true;
      i += 2;
    } else if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new ShlexError('No closing quotation');
      word += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      const [content, next] = readDoubleQuoted(text, i + 1);
      word += content;
      inWord = true;
      i = next;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Read a double-quoted run starting after the opening quote; returns the text and the index past the closing quote. */
function readDoubleQuoted(text: string, start: number): [string, number] {
  let out = '';
  let i = start;
  for (;;) {
    if (i >= text.length) throw new ShlexError('No closing quotation');
    const c = text[i];
    if (c === '"') return [out, i + 1];
    if (c === '\\') {
      if (i + 1 >= text.length) throw new ShlexError('No escaped character');
      const next = text[i + 1];
      // inside double quotes only \" and \\ are escapes; any other backslash stays literal
      out += next === '"' || next === '\\' ? next : '\\' + next;
      i += 2;
    } else {
      out += c;
      i++;
    }
  }
}
