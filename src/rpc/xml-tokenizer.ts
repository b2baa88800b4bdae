// A strict, iterative tokenizer for the XML that XML-RPC uses: elements, text, the five predefined
// entities and character references, CDATA, comments and processing instructions. No DOCTYPE, hence
// no entity expansion at all; well-formedness (nesting, single root) is checked as it goes.
import { XmlRpcParseError } from './xmlrpc-values.js';

export interface XmlEvents {
  open(name: string): void;
  text(text: string): void;
  close(name: string): void;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9._:\u00B7\u00C0-\uFFFF]*$/;

function fail(message: string, at: number): never {
  throw new XmlRpcParseError(`malformed XML at offset ${at}: ${message}`);
}

function decodeReference(body: string, at: number): string {
  if (body in PREDEFINED) return PREDEFINED[body];
  const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
  if (!numeric) fail(`undefined entity &${body.slice(0, 20)};`, at);
  const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10);
  const legal = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  if (!legal) fail(`invalid character reference &${body};`, at);
  return String.fromCodePoint(code);
}

/**
 * Character data: end-of-line normalisation, then references. Control characters are let through
 * although XML 1.0 forbids them: the real Supervisor sends them raw (e.g. ANSI colour codes from a
 * log), and Python's client chokes on those responses; we would rather show the log.
 */
function decodeText(raw: string, at: number): string {
  let text = raw.indexOf('\r') >= 0 ? raw.replace(/\r\n?/g, '\n') : raw;
  if (text.indexOf('&') < 0) return text;
  let out = '';
  let pos = 0;
  for (let amp = text.indexOf('&'); amp >= 0; amp = text.indexOf('&', pos)) {
    const semi = text.indexOf(';', amp);
    if (semi < 0 || semi - amp > 12) fail('unterminated entity reference', at + amp);
    out += text.slice(pos, amp) + decodeReference(text.slice(amp + 1, semi), at + amp);
    pos = semi + 1;
  }
  text = out + text.slice(pos);
  return text;
}

const KNOWN_NAMES = new Set<string>();

/** Element names repeat a lot; validate each distinct one once. */
function checkName(name: string, at: number): void {
  if (KNOWN_NAMES.has(name)) return;
  if (!NAME.test(name)) fail(`bad element name "${name.slice(0, 20)}"`, at);
  if (KNOWN_NAMES.size < 1000) KNOWN_NAMES.add(name);
}

/** whitespace, `/` or `>`: where an element name ends */
function endsName(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x2f || code === 0x3e;
}

/** Skips the attributes of a start tag (XML-RPC has none that matter); returns the index of `>` or `/>`. */
function skipAttributes(xml: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < xml.length && /\s/.test(xml[i])) i++;
    const ch = xml[i];
    if (ch === '>' || (ch === '/' && xml[i + 1] === '>')) return i;
    const eq = xml.indexOf('=', i);
    if (eq < 0 || !NAME.test(xml.slice(i, eq).trim())) fail('bad attribute', i);
    let q = eq + 1;
    while (q < xml.length && /\s/.test(xml[q])) q++;
    const quote = xml[q];
    if (quote !== '"' && quote !== "'") fail('unquoted attribute value', q);
    const end = xml.indexOf(quote, q + 1);
    if (end < 0 || xml.slice(q + 1, end).includes('<')) fail('bad attribute value', q);
    i = end + 1;
    if (!/[\s/>]/.test(xml[i] ?? '')) fail('attributes must be separated by spaces', i);
  }
}

/** `<!--`, `<![CDATA[`, `<?`: returns the index after it; anything else starting with `<!` is refused. */
function skipMarkup(xml: string, i: number, insideRoot: boolean, events: XmlEvents): number {
  if (xml.startsWith('<!--', i)) {
    const end = xml.indexOf('-->', i + 4);
    if (end < 0) fail('unterminated comment', i);
    return end + 3;
  }
  if (xml.startsWith('<![CDATA[', i)) {
    if (!insideRoot) fail('CDATA outside the root element', i);
    const end = xml.indexOf(']]>', i + 9);
    if (end < 0) fail('unterminated CDATA section', i);
    const data = xml.slice(i + 9, end);
    events.text(data.replace(/\r\n?/g, '\n'));
    return end + 3;
  }
  if (xml[i + 1] === '?') {
    const end = xml.indexOf('?>', i + 2);
    if (end < 0) fail('unterminated processing instruction', i);
    return end + 2;
  }
  return fail('DOCTYPE and other declarations are not allowed', i);
}

/**
 * Walks the document and reports elements and text in order. Throws XmlRpcParseError for anything
 * that is not well-formed, for DOCTYPE/ENTITY declarations, and when nesting exceeds `maxDepth`.
 */
export function tokenize(xml: string, events: XmlEvents, maxDepth: number): void {
  const stack: string[] = [];
  let sawRoot = false;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      if (stack.length === 0) {
        if (raw.trim() !== '') fail('text outside the root element', i);
      } else {
        if (raw.includes(']]>')) fail("']]>' in text", i);
        events.text(decodeText(raw, i));
      }
    }
    if (lt < 0) break;
    i = lt;
    const next = xml.charCodeAt(i + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      i = skipMarkup(xml, i, stack.length > 0, events);
    } else if (next === 0x2f /* / */) {
      const gt = xml.indexOf('>', i);
      if (gt < 0) fail('unterminated end tag', i);
      const name = xml.slice(i + 2, gt).trimEnd();
      const open = stack.pop();
      if (open !== name) fail(open === undefined ? `unexpected </${name}>` : `expected </${open}>, got </${name}>`, i);
      events.close(name);
      i = gt + 1;
    } else {
      let j = i + 1;
      while (j < n && !endsName(xml.charCodeAt(j))) j++;
      const name = xml.slice(i + 1, j);
      checkName(name, i);
      const end = xml.charCodeAt(j) === 0x3e ? j : skipAttributes(xml, j);
      if (stack.length === 0) {
        if (sawRoot) fail('more than one root element', i);
        sawRoot = true;
      }
      if (stack.length >= maxDepth) throw new XmlRpcParseError(`elements nested deeper than ${maxDepth} levels`);
      events.open(name);
      if (xml[end] === '/') {
        events.close(name);
        i = end + 2;
      } else {
        stack.push(name);
        i = end + 1;
      }
    }
  }
  if (stack.length > 0) fail(`unclosed <${stack[stack.length - 1]}>`, n);
  if (!sawRoot) fail('no root element', 0);
}
