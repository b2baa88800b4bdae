// `environment=KEY=val,KEY2="v 2"`: Supervisor 4.2.5 splits it with Python's legacy (non-POSIX) shlex, whose quirks
// users rely on or trip over (quotes kept then stripped, `#` starts a comment, one separator token skipped).
import { ValueError } from './errors.js';

const WORD_CHARS = new Set('abcdfeghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_/.+-():');
const WHITESPACE = new Set(' \t\r\n');
const QUOTES = new Set(`'"`);
const COMMENT = '#';

/** Tokens of Python's `shlex.shlex(text)` (posix=False) with the extra word characters Supervisor adds. */
export function legacyShlexTokens(text: string): string[] {
  const tokens: string[] = [];
  let pos = 0;
  const skipLine = (): void => {
    const nl = text.indexOf('\n', pos);
    pos = nl === -1 ? text.length : nl + 1;
  };
  for (;;) {
    let state: 'space' | 'word' | string = 'space';
    let token = '';
    let done = false;
    while (!done) {
      const ch = pos < text.length ? text[pos++]! : '';
      if (state === 'space') {
        if (ch === '') {
          done = true;
        } else if (WHITESPACE.has(ch)) {
          if (token) done = true;
        } else if (ch === COMMENT) {
          skipLine();
        } else if (WORD_CHARS.has(ch)) {
          token = ch;
          state = 'word';
        } else if (QUOTES.has(ch)) {
          token = ch;
          state = ch;
        } else {
          token = ch;
          done = true;
        }
      } else if (state === 'word') {
        if (ch === '') {
          done = true;
        } else if (WHITESPACE.has(ch)) {
          done = true;
        } else if (ch === COMMENT) {
          skipLine();
        } else if (WORD_CHARS.has(ch) || QUOTES.has(ch)) {
          token += ch;
        } else {
          pos--; // pushed back: starts the next token
          done = true;
        }
      } else {
        // inside a quote
        if (ch === '') throw new ValueError('No closing quotation');
        token += ch;
        if (ch === state) done = true;
      }
    }
    if (token === '') return tokens;
    tokens.push(token);
  }
}

function stripQuotes(value: string): string {
  return value.replace(/^['"]+/, '').replace(/['"]+$/, '');
}

/** Supervisor's dict_of_key_value_pairs(): KEY, '=', VALUE triples, each followed by one skipped separator token. */
export function keyValuePairs(text: string): Record<string, string> {
  const tokens = legacyShlexTokens(text);
  const result = new Map<string, string>();
  for (let i = 0; i < tokens.length; i += 4) {
    const triple = tokens.slice(i, i + 3);
    if (triple.length !== 3 || triple[1] !== '=') {
      throw new ValueError(`Unexpected end of key/value pairs in value '${text}'`);
    }
    result.set(triple[0]!, stripQuotes(triple[2]!));
  }
  return Object.fromEntries(result);
}
