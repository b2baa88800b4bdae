// XML-RPC encoder producing byte-for-byte the layout of Python's xmlrpc.client.dumps,
// because supervisorctl and scripts in the wild sometimes compare raw responses.
import {
  XMLRPC_MAXINT,
  XMLRPC_MININT,
  XmlRpcDouble,
  XmlRpcEncodeError,
  type XmlRpcValue,
} from './xmlrpc-values.js';

const XML_DECLARATION = "<?xml version='1.0'?>\n";

// Characters XML 1.0 forbids; Python would emit them raw and produce a document no parser accepts.
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes & < > like Python's xmlrpc.client.escape, dropping characters XML cannot represent. */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>\x00-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeXmlText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return text
    .replace(XML_ILLEGAL, (ch) => (ch.length === 1 && ch.charCodeAt(0) >= 0xd800 ? '\uFFFD' : ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** Python's repr(float): shortest round-trip digits, exponent form below 1e-4 or from 1e16 up. */
export function pythonFloatRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = v.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const frac = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expSign = exp < 0 ? '-' : '+';
    return `${sign}${frac}e${expSign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fracPart = digits.slice(exp + 1) || '0';
  return `${sign}${intPart}.${fracPart}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** xmlrpc.client.DateTime layout (naive; we use UTC components). */
function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) throw new XmlRpcEncodeError('cannot marshal an invalid Date');
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}` +
    `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`
  );
}

/** base64.encodebytes: 76-character lines, each ending in a newline. */
function encodeBase64Lines(buf: Buffer): string {
  const b64 = buf.toString('base64');
  let out = '';
  for (let i = 0; i < b64.length; i += 76) out += `${b64.slice(i, i + 76)}\n`;
  return out;
}

/** Deeper than this is a cycle or a mistake; Python refuses recursive structures too. */
const MAX_ENCODE_DEPTH = 1000;

/** One `<value>...</value>` line group; string concatenation is several times faster than arrays here. */
function encodeValue(value: XmlRpcValue, depth: number): string {
  switch (typeof value) {
    case 'number':
      if (!Number.isInteger(value)) {
        throw new XmlRpcEncodeError(`cannot marshal ${value} as <int>; wrap it in XmlRpcDouble`);
      }
      if (value > XMLRPC_MAXINT || value < XMLRPC_MININT) {
        throw new XmlRpcEncodeError(`int exceeds XML-RPC limits: ${value}`);
      }
      return `<value><int>${value}</int></value>\n`;
    case 'boolean':
      return `<value><boolean>${value ? 1 : 0}</boolean></value>\n`;
    case 'string':
      return `<value><string>${escapeXmlText(value)}</string></value>\n`;
    case 'object':
      break;
    default:
      throw new XmlRpcEncodeError(`cannot marshal ${typeof value} objects`);
  }
  if (value === null) throw new XmlRpcEncodeError('cannot marshal None unless allow_none is enabled');
  if (value instanceof XmlRpcDouble) return `<value><double>${pythonFloatRepr(value.value)}</double></value>\n`;
  if (value instanceof Date) return `<value><dateTime.iso8601>${formatDate(value)}</dateTime.iso8601></value>\n`;
  if (Buffer.isBuffer(value)) return `<value><base64>\n${encodeBase64Lines(value)}</base64></value>\n`;
  if (depth > MAX_ENCODE_DEPTH) throw new XmlRpcEncodeError('cannot marshal recursive or absurdly deep structures');
  let out: string;
  if (Array.isArray(value)) {
    out = '<value><array><data>\n';
    for (const item of value) out += encodeValue(item, depth + 1);
    return `${out}</data></array></value>\n`;
  }
  out = '<value><struct>\n';
  for (const key of Object.keys(value)) {
    out += `<member>\n<name>${escapeXmlText(key)}</name>\n${encodeValue(value[key], depth + 1)}</member>\n`;
  }
  return `${out}</struct></value>\n`;
}

function encodeParams(params: XmlRpcValue[]): string {
  let out = '<params>\n';
  for (const param of params) out += `<param>\n${encodeValue(param, 0)}</param>\n`;
  return `${out}</params>\n`;
}

export function serializeMethodCall(method: string, params: XmlRpcValue[]): string {
  return (
    `${XML_DECLARATION}<methodCall>\n<methodName>${escapeXmlText(method)}</methodName>\n` +
    `${encodeParams(params)}</methodCall>\n`
  );
}

export function serializeMethodResponse(value: XmlRpcValue): string {
  return `${XML_DECLARATION}<methodResponse>\n${encodeParams([value])}</methodResponse>\n`;
}

export function serializeFault(code: number, message: string): string {
  const fault = encodeValue({ faultCode: code, faultString: message }, 0);
  return `${XML_DECLARATION}<methodResponse>\n<fault>\n${fault}</fault>\n</methodResponse>\n`;
}
