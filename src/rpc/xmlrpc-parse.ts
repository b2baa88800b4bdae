// XML-RPC decoder: builds values straight from the tokenizer's events (no intermediate tree),
// checking the XML-RPC grammar on the way. Hostile input is bounded: no DOCTYPE (no entities),
// limited nesting, 32-bit ints, strict base64.
import { tokenize } from './xml-tokenizer.js';
import {
  MAX_VALUE_DEPTH,
  XMLRPC_MAXINT,
  XMLRPC_MININT,
  XmlRpcParseError,
  setMember,
  type XmlRpcStruct,
  type XmlRpcValue,
} from './xmlrpc-values.js';

// Each XML-RPC level costs up to three elements (value, array|struct, data|member).
const MAX_ELEMENT_DEPTH = MAX_VALUE_DEPTH * 3 + 10;

const SCALARS = new Set(['int', 'i4', 'i8', 'boolean', 'string', 'double', 'dateTime.iso8601', 'base64', 'nil']);
const TYPES = new Set([...SCALARS, 'array', 'struct']);

/** Which elements may appear inside which (the XML-RPC grammar). */
const CHILDREN: Record<string, ReadonlySet<string>> = {
  methodCall: new Set(['methodName', 'params']),
  methodResponse: new Set(['params', 'fault']),
  params: new Set(['param']),
  param: new Set(['value']),
  fault: new Set(['value']),
  value: TYPES,
  array: new Set(['data']),
  data: new Set(['value']),
  struct: new Set(['member']),
  member: new Set(['name', 'value']),
};

/** One bit per child kind, so a frame can remember which children it saw without allocating. */
const BIT: Record<string, number> = { methodName: 1, params: 2, fault: 4, param: 8, value: 16, data: 32, member: 64, name: 128 };
/** every type element inside <value> shares one bit: a value holds one type at most */
const TYPE_BIT = 256;
const bitOf = (tag: string): number => BIT[tag] ?? TYPE_BIT;

/** Elements whose character data means something; elsewhere only whitespace may appear. */
const TEXTUAL = new Set([...SCALARS, 'value', 'methodName', 'name']);

interface Frame {
  tag: string;
  text: string;
  /** decoded child values, in order */
  values: XmlRpcValue[];
  /** the kinds of child elements seen so far (BIT) */
  seen: number;
  name?: string;
  struct?: XmlRpcStruct;
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

function scalar(tag: string, text: string): XmlRpcValue {
  switch (tag) {
    case 'int':
    case 'i4':
    case 'i8':
      return parseInt32(text, tag);
    case 'boolean':
      return parseBoolean(text);
    case 'double':
      return parseDouble(text);
    case 'dateTime.iso8601':
      return parseDateTime(text);
    case 'base64':
      return parseBase64(text);
    case 'nil':
      throw new XmlRpcParseError('<nil/> is not supported');
    default:
      return text; // <string>
  }
}

/** Repeats of non-repeatable children are refused when they open, so presence is enough here. */
function exactlyOne(frame: Frame, child: string): void {
  if ((frame.seen & bitOf(child)) === 0) throw new XmlRpcParseError(`<${frame.tag}> must contain exactly one <${child}>`);
}

/** The result of a whole document: the root's frame once closed. */
class Builder {
  readonly stack: Frame[] = [];
  root: Frame | null = null;
  private valueDepth = 0;

  constructor(private readonly rootTag: string) {}

  open(tag: string): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      if (tag !== this.rootTag) throw new XmlRpcParseError(`expected <${this.rootTag}>, got <${tag}>`);
    } else {
      const allowed = CHILDREN[parent.tag];
      if (!allowed?.has(tag)) throw new XmlRpcParseError(`unexpected <${tag}> inside <${parent.tag}>`);
      const bit = bitOf(tag);
      const repeatable = tag === 'param' || tag === 'member' || (tag === 'value' && parent.tag === 'data');
      const again = (parent.seen & bit) !== 0;
      parent.seen |= bit;
      if (again && !repeatable) throw new XmlRpcParseError(`more than one <${tag}> inside <${parent.tag}>`);
      if (parent.tag === 'value' && parent.text.trim() !== '') throw new XmlRpcParseError('<value> mixes text and a type');
    }
    if (tag === 'value' && ++this.valueDepth > MAX_VALUE_DEPTH) {
      throw new XmlRpcParseError(`values nested deeper than ${MAX_VALUE_DEPTH} levels`);
    }
    const frame: Frame = { tag, text: '', values: [], seen: 0 };
    if (tag === 'struct') frame.struct = {};
    this.stack.push(frame);
  }

  text(text: string): void {
    const frame = this.stack[this.stack.length - 1];
    if (TEXTUAL.has(frame.tag)) {
      if (frame.tag === 'value' && frame.seen !== 0 && text.trim() !== '') {
        throw new XmlRpcParseError('<value> mixes text and a type');
      }
      frame.text += text;
    } else if (text.trim() !== '') {
      throw new XmlRpcParseError(`unexpected text inside <${frame.tag}>`);
    }
  }

  close(): void {
    const frame = this.stack.pop() as Frame;
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.root = frame;
      return;
    }
    switch (frame.tag) {
      case 'value': {
        this.valueDepth--;
        // an untyped <value>text</value> is a string
        parent.values.push(frame.seen !== 0 ? frame.values[0] : frame.text);
        return;
      }
      case 'array':
        exactlyOne(frame, 'data');
        parent.values.push(frame.values[0]);
        return;
      case 'data':
        parent.values.push(frame.values);
        return;
      case 'struct':
        parent.values.push(frame.struct as XmlRpcStruct);
        return;
      case 'member':
        exactlyOne(frame, 'name');
        exactlyOne(frame, 'value');
        setMember(parent.struct as XmlRpcStruct, frame.name as string, frame.values[0]);
        return;
      case 'name':
        parent.name = frame.text;
        return;
      case 'param':
      case 'fault':
        exactlyOne(frame, 'value');
        parent.values.push(frame.values[0]);
        if (frame.tag === 'fault') parent.name = 'fault';
        return;
      case 'params':
        parent.values.push(frame.values);
        return;
      case 'methodName':
        parent.name = frame.text;
        return;
      default:
        parent.values.push(scalar(frame.tag, frame.text));
    }
  }
}

function build(xml: string, rootTag: string): Frame {
  const builder = new Builder(rootTag);
  tokenize(xml, builder, MAX_ELEMENT_DEPTH);
  if (!builder.root) throw new XmlRpcParseError('empty document');
  return builder.root;
}

export function parseMethodCall(xml: string): { methodName: string; params: XmlRpcValue[] } {
  const root = build(xml, 'methodCall');
  // Like Supervisor: a missing or empty method name is a bad request, a missing <params> is fine.
  if (!root.name) throw new XmlRpcParseError('no method name');
  const params = root.seen & BIT.params ? (root.values[0] as XmlRpcValue[]) : [];
  return { methodName: root.name, params };
}

export type MethodResponse =
  | { kind: 'value'; value: XmlRpcValue }
  | { kind: 'fault'; faultCode: number; faultString: string };

export function parseMethodResponse(xml: string): MethodResponse {
  const root = build(xml, 'methodResponse');
  if (root.seen !== BIT.params && root.seen !== BIT.fault) throw new XmlRpcParseError('<methodResponse> must hold <params> or <fault>');
  if (root.name === 'fault') {
    const fault = root.values[0];
    const { faultCode, faultString } = (typeof fault === 'object' ? fault : {}) as XmlRpcStruct;
    if (typeof faultCode !== 'number' || typeof faultString !== 'string') {
      throw new XmlRpcParseError('<fault> needs a struct with an int faultCode and a string faultString');
    }
    return { kind: 'fault', faultCode, faultString };
  }
  const params = root.values[0] as XmlRpcValue[];
  if (params.length !== 1) throw new XmlRpcParseError('a response must carry exactly one <param>');
  return { kind: 'value', value: params[0] };
}
