// The XML-RPC codec used by both the server (rpc/) and supervisorctl's client (rpc/client.ts).
// Encoding follows Python's xmlrpc.client.dumps layout exactly; decoding is strict and bounded.
export {
  XmlRpcDouble,
  XmlRpcParseError,
  XmlRpcEncodeError,
  XMLRPC_MAXINT,
  XMLRPC_MININT,
  MAX_VALUE_DEPTH,
  isStruct,
  type XmlRpcValue,
  type XmlRpcStruct,
} from './xmlrpc-values.js';
export {
  serializeMethodCall,
  serializeMethodResponse,
  serializeFault,
  escapeXmlText,
  pythonFloatRepr,
} from './xmlrpc-serialize.js';
export { parseMethodCall, parseMethodResponse, type MethodResponse } from './xmlrpc-parse.js';

import { XmlRpcParseError } from './xmlrpc-values.js';

const SINGLE_BYTE_ENCODINGS = new Set(['iso-8859-1', 'latin-1', 'latin1', 'us-ascii', 'ascii']);

/**
 * Turns a request/response body into text, honouring the XML declaration's encoding
 * (UTF-8 unless it names a single-byte Latin encoding). Invalid UTF-8 is an error, not U+FFFD.
 */
export function decodeXmlBody(body: Buffer): string {
  const head = body.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (declared && SINGLE_BYTE_ENCODINGS.has(declared)) return body.toString('latin1');
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    throw new XmlRpcParseError(`unsupported XML encoding ${declared}`);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    throw new XmlRpcParseError('request body is not valid UTF-8');
  }
}
