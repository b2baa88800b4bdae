// POST /RPC2: read a bounded body, decode, dispatch, answer. Faults are HTTP 200 (XML-RPC faults),
// unparsable requests 400, unexpected errors 500, like Supervisor's supervisor_xmlrpc_handler.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pyRepr } from '../python/repr.js';
import type { MainLogger } from '../logging/api.js';
import { RpcFault } from './faults.js';
import { sendError } from './http-errors.js';
import type { RpcRegistry } from './registry.js';
import { decodeXmlBody, parseMethodCall, serializeFault, serializeMethodResponse } from './xmlrpc-codec.js';
import { XmlRpcParseError, type XmlRpcValue } from './xmlrpc-values.js';

/** Largest request body we accept (Supervisor has no limit; 10 MiB is far above any real call). */
export const MAX_RPC_BODY_BYTES = 10 * 1024 * 1024;
/** How much of a bad request body goes into the log. */
const LOGGED_BODY_CHARS = 2000;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function logged(text: string): string {
  return pyRepr(text.length > LOGGED_BODY_CHARS ? `${text.slice(0, LOGGED_BODY_CHARS)}...` : text);
}

function sendXml(res: ServerResponse, xml: string): void {
  if (res.destroyed || res.headersSent) return; // the client went away while we waited
  const body = Buffer.from(xml, 'utf8');
  res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': body.length });
  res.end(body);
}

export async function handleXmlRpc(
  req: IncomingMessage,
  res: ServerResponse,
  registry: RpcRegistry,
  log: MainLogger,
): Promise<void> {
  if (req.method !== 'POST') return sendError(res, 400);
  const declared = req.headers['content-length'];
  if (declared === undefined) return sendError(res, 411, { Connection: 'close' });
  if (!/^\d+$/.test(declared)) return sendError(res, 400, { Connection: 'close' });
  if (Number(declared) > MAX_RPC_BODY_BYTES) return sendError(res, 413, { Connection: 'close' });

  let raw: Buffer;
  try {
    raw = await readBody(req, MAX_RPC_BODY_BYTES);
  } catch (err) {
    if (err instanceof BodyTooLarge) return sendError(res, 413, { Connection: 'close' });
    throw err;
  }

  let text = '';
  let call: { methodName: string; params: XmlRpcValue[] };
  try {
    text = decodeXmlBody(raw);
    call = parseMethodCall(text);
  } catch (err) {
    if (!(err instanceof XmlRpcParseError)) throw err;
    const why = err.message === 'no method name' ? 'no method name' : 'unmarshallable';
    log.error(`XML-RPC request data ${logged(text || raw.toString('latin1'))} is invalid: ${why}`);
    return sendError(res, 400);
  }

  const { methodName, params } = call;
  let xml: string;
  try {
    if (log.enabled('trace')) log.trace(`XML-RPC method called: ${methodName}()`);
    const value = await registry.call(methodName, params);
    if (log.enabled('trace')) log.trace(`XML-RPC method ${methodName}() returned successfully`);
    xml = serializeMethodResponse(value);
  } catch (err) {
    if (!(err instanceof RpcFault)) {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      log.critical(`Handling XML-RPC request with data ${logged(text)} raised an unexpected exception: ${detail}`);
      return sendError(res, 500);
    }
    if (log.enabled('trace')) log.trace(`XML-RPC method ${methodName}() returned fault: [${err.code}] ${err.text}`);
    xml = serializeFault(err.code, err.text);
  }
  sendXml(res, xml);
}
