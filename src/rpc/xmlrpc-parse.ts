// XML-RPC decoder on fast-xml-parser, hardened for input straight from the network:
// no DOCTYPE (so no entity expansion at all), bounded nesting, 32-bit ints, strict base64.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import {
  MAX_VALUE_DEPTH,
  XMLRPC_MAXINT,
  XMLRPC_MININT,
  XmlRpcParseError,
  setMember,
  type XmlRpcStruct,
  type XmlRpcValue,
} from './xmlrpc-values.js';

/** A node of fast-xml-parser's preserveOrder output. */
type OrderedNode = { [tag: string]: OrderedNode[] | string };

/** Elements (open + close tags) beyond which a document is refused before the costly full parse. */
const MAX_TAGS = 200_000;
// Each XML-RPC level costs up to three elements (value, array|struct, data|member).
const MAX_ELEMENT_DEPTH = MAX_VALUE_DEPTH * 3 + 10;

const TEXT = '#text';
const CDATA = '#cdata';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  // Entities are decoded by us, and only the five predefined ones plus character references.
  processEntities: false,
  htmlEntities: false,
  cdataPropName: CDATA,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_ELEMENT_DEPTH,
  // no path strings for callbacks we don't use: measurably faster
  jPath: false,
});

const PREDEFINED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(raw: string): string {
  // XML end-of-line normalisation happens before references are expanded.
  const text = raw.replace(/\r\n?/g, '\n');
  return text.replace(/&([^;&\s]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new XmlRpcParseError(`unterminated entity reference near "${match}"`);
    if (body in PREDEFINED_ENTITIES) return PREDEFINED_ENTITIES[body];
    const numeric = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(body);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : parseInt(numeric[2], 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        throw new XmlRpcParseError(`invalid character reference &${body};`);
      }
      return String.fromCodePoint(code);
    }
    throw new XmlRpcParseError(`undefined entity &${body};`);
  });
}

function tagOf(node: OrderedNode): string {
  for (const key of Object.keys(node)) if (key !== ':@') return key;
  throw new XmlRpcParseError('empty XML node');
}

function childrenOf(node: OrderedNode, tag: string): OrderedNode[] {
  const children = node[tag];
  return Array.isArray(children) ? children : [];
}

/** Concatenated character data of an element (text and CDATA); any child element is an error. */
function textOf(nodes: OrderedNode[], where: string): string {
  let out = '';
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === TEXT) out += decodeEntities(String(node[TEXT]));
    else if (tag === CDATA) out += childrenOf(node, CDATA).map((n) => String(n[TEXT] ?? '')).join('');
    else throw new XmlRpcParseError(`unexpected <${tag}> inside <${where}>`);
  }
  return out;
}

/** Child elements, insisting that any text between them is whitespace. */
function elementsOf(nodes: OrderedNode[], where: string): OrderedNode[] {
  const elements: OrderedNode[] = [];
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === TEXT || tag === CDATA) {
      if (textOf([node], where).trim() !== '') throw new XmlRpcParseError(`unexpected text inside <${where}>`);
    } else {
      elements.push(node);
    }
  }
  return elements;
}

function onlyChild(nodes: OrderedNode[], where: string, expected: string): OrderedNode[] {
  const elements = elementsOf(nodes, where);
  if (elements.length !== 1 || tagOf(elements[0]) !== expected) {
    throw new XmlRpcParseError(`<${where}> must contain exactly one <${expected}>`);
  }
  return childrenOf(elements[0], expected);
}

function parseInt32(text: string, tag: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?[0-9]+$/.test(trimmed)) throw new XmlRpcParseError(`bad <${tag}> value "${trimmed.slice(0, 40)}"`);
  const n = Number(trimmed);
  if (n > XMLRPC_MAXINT || n < XMLRPC_MININT) {
    throw new XmlRpcParseError(`<${tag}> value ${trimmed.slice(0, 40)} exceeds XML-RPC limits`);
  }
  return n;
}

function parseBoolean(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '1' || trimmed === 'true') return true;
  if (trimmed === '0' || trimmed === 'false') return false;
  throw new XmlRpcParseError(`bad <boolean> value "${trimmed.slice(0, 40)}"`);
}

function parseDouble(text: string): number {
  const trimmed = text.trim();
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(trimmed)) {
    throw new XmlRpcParseError(`bad <double> value "${trimmed.slice(0, 40)}"`);
  }
  return Number(trimmed);
}

function parseDateTime(text: string): Date {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z?$/.exec(text.trim());
  if (!m) throw new XmlRpcParseError(`bad <dateTime.iso8601> value "${text.trim().slice(0, 40)}"`);
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 61) {
    throw new XmlRpcParseError(`bad <dateTime.iso8601> value "${text.trim()}"`);
  }
  return date;
}

function parseBase64(text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
    throw new XmlRpcParseError('bad <base64> value');
  }
  return Buffer.from(compact, 'base64');
}

function parseStruct(nodes: OrderedNode[], depth: number): XmlRpcStruct {
  const struct: XmlRpcStruct = {};
  for (const member of elementsOf(nodes, 'struct')) {
    if (tagOf(member) !== 'member') throw new XmlRpcParseError(`unexpected <${tagOf(member)}> inside <struct>`);
    let name: string | undefined;
    let value: XmlRpcValue | undefined;
    for (const part of elementsOf(childrenOf(member, 'member'), 'member')) {
      const tag = tagOf(part);
      if (tag === 'name' && name === undefined) name = textOf(childrenOf(part, 'name'), 'name');
      else if (tag === 'value' && value === undefined) value = parseValue(childrenOf(part, 'value'), depth + 1);
      else throw new XmlRpcParseError(`unexpected <${tag}> inside <member>`);
    }
    if (name === undefined || value === undefined) throw new XmlRpcParseError('<member> needs a <name> and a <value>');
    setMember(struct, name, value);
  }
  return struct;
}

function parseArray(nodes: OrderedNode[], depth: number): XmlRpcValue[] {
  const items: XmlRpcValue[] = [];
  for (const item of onlyChild(nodes, 'array', 'data')) {
    const tag = tagOf(item);
    if (tag === TEXT || tag === CDATA) {
      if (textOf([item], 'data').trim() !== '') throw new XmlRpcParseError('unexpected text inside <data>');
      continue;
    }
    if (tag !== 'value') throw new XmlRpcParseError(`unexpected <${tag}> inside <data>`);
    items.push(parseValue(childrenOf(item, 'value'), depth + 1));
  }
  return items;
}

/** Decodes the children of a <value> element. */
function parseValue(nodes: OrderedNode[], depth: number): XmlRpcValue {
  if (depth > MAX_VALUE_DEPTH) throw new XmlRpcParseError(`values nested deeper than ${MAX_VALUE_DEPTH} levels`);
  // An untyped <value>text</value> is a string.
  if (nodes.every((n) => [TEXT, CDATA].includes(tagOf(n)))) return textOf(nodes, 'value');
  const elements = elementsOf(nodes, 'value');
  if (elements.length > 1) throw new XmlRpcParseError('<value> holds more than one type element');
  const typed = elements[0];
  const tag = tagOf(typed);
  const inner = childrenOf(typed, tag);
  switch (tag) {
    case 'int':
    case 'i4':
    case 'i8':
      return parseInt32(textOf(inner, tag), tag);
    case 'boolean':
      return parseBoolean(textOf(inner, tag));
    case 'string':
      return textOf(inner, tag);
    case 'double':
      return parseDouble(textOf(inner, tag));
    case 'dateTime.iso8601':
      return parseDateTime(textOf(inner, tag));
    case 'base64':
      return parseBase64(textOf(inner, tag));
    case 'array':
      return parseArray(inner, depth);
    case 'struct':
      return parseStruct(inner, depth);
    case 'nil':
      throw new XmlRpcParseError('<nil/> is not supported');
    default:
      throw new XmlRpcParseError(`unknown value type <${tag}>`);
  }
}

/**
 * One cheap pass over the tags so that absurd nesting or tag counts are refused in milliseconds
 * rather than after seconds in the validator (which slows down badly on deep documents).
 */
function checkShape(xml: string): void {
  let depth = 0;
  let tags = 0;
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) {
    if (xml.startsWith('<![CDATA[', i)) {
      i = xml.indexOf(']]>', i);
      if (i < 0) return; // the validator reports it
      continue;
    }
    if (xml.startsWith('<!--', i)) {
      i = xml.indexOf('-->', i);
      if (i < 0) return;
      continue;
    }
    const next = xml[i + 1];
    if (next === '?' || next === '!') continue;
    if (next === '/') depth--;
    else if (xml[xml.indexOf('>', i) - 1] !== '/') depth++;
    if (++tags > MAX_TAGS) throw new XmlRpcParseError(`more than ${MAX_TAGS} tags`);
    if (depth > MAX_ELEMENT_DEPTH) throw new XmlRpcParseError(`values nested deeper than ${MAX_VALUE_DEPTH} levels`);
  }
}

/** Parses a whole document and returns the children of its single root element. */
function parseDocument(xml: string, expectedRoot: string): OrderedNode[] {
  if (/<!DOCTYPE/i.test(xml)) throw new XmlRpcParseError('DOCTYPE declarations are not allowed');
  if (/<!ENTITY/i.test(xml)) throw new XmlRpcParseError('ENTITY declarations are not allowed');
  checkShape(xml);
  const verdict = XMLValidator.validate(xml);
  if (verdict !== true) throw new XmlRpcParseError(`malformed XML: ${verdict.err.msg} (line ${verdict.err.line})`);
  let doc: OrderedNode[];
  try {
    doc = parser.parse(xml) as OrderedNode[];
  } catch (err) {
    throw new XmlRpcParseError(`malformed XML: ${err instanceof Error ? err.message : String(err)}`);
  }
  const roots = elementsOf(doc, 'document');
  if (roots.length !== 1) throw new XmlRpcParseError('the document must have exactly one root element');
  const tag = tagOf(roots[0]);
  if (tag !== expectedRoot) throw new XmlRpcParseError(`expected <${expectedRoot}>, got <${tag}>`);
  return childrenOf(roots[0], tag);
}

function parseParams(nodes: OrderedNode[]): XmlRpcValue[] {
  const params: XmlRpcValue[] = [];
  for (const param of elementsOf(nodes, 'params')) {
    if (tagOf(param) !== 'param') throw new XmlRpcParseError(`unexpected <${tagOf(param)}> inside <params>`);
    params.push(parseValue(onlyChild(childrenOf(param, 'param'), 'param', 'value'), 1));
  }
  return params;
}

/** Wraps unexpected failures (e.g. stack exhaustion on absurd nesting) so callers see one error type. */
function guarded<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof XmlRpcParseError) throw err;
    throw new XmlRpcParseError(`unparsable XML-RPC: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function parseMethodCall(xml: string): { methodName: string; params: XmlRpcValue[] } {
  return guarded(() => {
    let methodName: string | undefined;
    let params: XmlRpcValue[] | undefined;
    for (const node of elementsOf(parseDocument(xml, 'methodCall'), 'methodCall')) {
      const tag = tagOf(node);
      if (tag === 'methodName' && methodName === undefined) methodName = textOf(childrenOf(node, tag), tag);
      else if (tag === 'params' && params === undefined) params = parseParams(childrenOf(node, tag));
      else throw new XmlRpcParseError(`unexpected <${tag}> inside <methodCall>`);
    }
    // Like Supervisor: a missing or empty method name is a bad request, a missing <params> is fine.
    if (!methodName) throw new XmlRpcParseError('no method name');
    return { methodName, params: params ?? [] };
  });
}

export type MethodResponse =
  | { kind: 'value'; value: XmlRpcValue }
  | { kind: 'fault'; faultCode: number; faultString: string };

export function parseMethodResponse(xml: string): MethodResponse {
  return guarded(() => {
    const body = elementsOf(parseDocument(xml, 'methodResponse'), 'methodResponse');
    if (body.length !== 1) throw new XmlRpcParseError('<methodResponse> must hold <params> or <fault>');
    const tag = tagOf(body[0]);
    if (tag === 'params') {
      const params = parseParams(childrenOf(body[0], tag));
      if (params.length !== 1) throw new XmlRpcParseError('a response must carry exactly one <param>');
      return { kind: 'value', value: params[0] };
    }
    if (tag === 'fault') {
      const fault = parseValue(onlyChild(childrenOf(body[0], tag), 'fault', 'value'), 1);
      if (typeof fault !== 'object' || fault === null || Array.isArray(fault)) {
        throw new XmlRpcParseError('<fault> must hold a struct');
      }
      const { faultCode, faultString } = fault as XmlRpcStruct;
      if (typeof faultCode !== 'number' || typeof faultString !== 'string') {
        throw new XmlRpcParseError('<fault> struct needs an int faultCode and a string faultString');
      }
      return { kind: 'fault', faultCode, faultString };
    }
    throw new XmlRpcParseError(`unexpected <${tag}> inside <methodResponse>`);
  });
}
