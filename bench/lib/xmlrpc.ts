// A small XML-RPC client over a unix socket or 127.0.0.1, with a keep-alive agent like Python's ServerProxy.
import http from 'node:http';

export type RpcValue = string | number | boolean | null | RpcValue[] | { [key: string]: RpcValue };

export class RpcFault extends Error {
  constructor(readonly code: number, readonly faultString: string) {
    super(`XML-RPC fault ${code}: ${faultString}`);
  }
}

export type RpcEndpoint = { socketPath: string } | { host: string; port: number };

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function encodeValue(value: RpcValue): string {
  if (typeof value === 'boolean') return `<boolean>${value ? 1 : 0}</boolean>`;
  if (typeof value === 'number') return Number.isInteger(value) ? `<int>${value}</int>` : `<double>${value}</double>`;
  if (typeof value === 'string') return `<string>${escapeXml(value)}</string>`;
  if (value === null) return '<nil/>';
  if (Array.isArray(value)) return `<array><data>${value.map((v) => `<value>${encodeValue(v)}</value>`).join('')}</data></array>`;
  const members = Object.entries(value).map(([k, v]) => `<member><name>${escapeXml(k)}</name><value>${encodeValue(v)}</value></member>`);
  return `<struct>${members.join('')}</struct>`;
}

export function encodeCall(method: string, params: readonly RpcValue[]): string {
  const encoded = params.map((p) => `<param><value>${encodeValue(p)}</value></param>`).join('');
  return `<?xml version="1.0"?><methodCall><methodName>${escapeXml(method)}</methodName><params>${encoded}</params></methodCall>`;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, entity: string) => {
    if (entity === 'lt') return '<';
    if (entity === 'gt') return '>';
    if (entity === 'amp') return '&';
    if (entity === 'quot') return '"';
    if (entity === 'apos') return "'";
    const code = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** Tokens: tags (open/close/self-closing) and text between them. */
function* tokenize(xml: string): Generator<{ tag?: string; close?: boolean; empty?: boolean; text?: string }> {
  const pattern = /<(\/?)([A-Za-z0-9_.]+)[^>]*?(\/?)>|<\?[^>]*\?>|([^<]+)/g;
  for (let match = pattern.exec(xml); match; match = pattern.exec(xml)) {
    if (match[4] !== undefined) yield { text: match[4] };
    else if (match[2] !== undefined) yield { tag: match[2], close: match[1] === '/', empty: match[3] === '/' };
  }
}

/** Parses a methodResponse: returns the value or throws RpcFault. */
export function decodeResponse(xml: string): RpcValue {
  const tokens = [...tokenize(xml)];
  let index = 0;
  const next = () => tokens[index++];
  const readText = (closing: string): string => {
    let text = '';
    for (;;) {
      const token = next();
      if (!token) throw new Error(`malformed XML-RPC response: unterminated <${closing}>`);
      if (token.text !== undefined) text += token.text;
      else if (token.tag === closing && token.close) return unescapeXml(text);
    }
  };
  // parses from just after <value> up to and including </value>
  const readValue = (): RpcValue => {
    let token = next();
    let bareText = '';
    while (token && token.text !== undefined) {
      bareText += token.text;
      token = next();
    }
    if (!token) throw new Error('malformed XML-RPC response: unterminated <value>');
    if (token.tag === 'value' && token.close) return unescapeXml(bareText);
    const type = token.tag as string;
    let result: RpcValue;
    if (token.empty) result = type === 'string' ? '' : null;
    else if (type === 'array') result = readArray();
    else if (type === 'struct') result = readStruct();
    else {
      const text = readText(type);
      if (type === 'int' || type === 'i4' || type === 'i8') result = parseInt(text, 10);
      else if (type === 'double') result = parseFloat(text);
      else if (type === 'boolean') result = text.trim() === '1';
      else result = text;
    }
    // consume up to </value>
    for (token = next(); token && !(token.tag === 'value' && token.close); token = next());
    return result;
  };
  const readArray = (): RpcValue[] => {
    const items: RpcValue[] = [];
    for (let token = next(); token; token = next()) {
      if (token.tag === 'value' && !token.close) {
        if (token.empty) items.push('');
        else items.push(readValue());
      } else if (token.tag === 'array' && token.close) return items;
    }
    throw new Error('malformed XML-RPC response: unterminated <array>');
  };
  const readStruct = (): { [key: string]: RpcValue } => {
    const struct: { [key: string]: RpcValue } = {};
    let name = '';
    for (let token = next(); token; token = next()) {
      if (token.tag === 'name' && !token.close) name = readText('name');
      else if (token.tag === 'value' && !token.close) struct[name] = token.empty ? '' : readValue();
      else if (token.tag === 'struct' && token.close) return struct;
    }
    throw new Error('malformed XML-RPC response: unterminated <struct>');
  };
  const isFault = tokens.some((t) => t.tag === 'fault' && !t.close);
  index = tokens.findIndex((t) => t.tag === 'value' && !t.close) + 1;
  if (index === 0) throw new Error('malformed XML-RPC response: no <value>');
  if (tokens[index - 1].empty) return '';
  const value = readValue();
  if (isFault) {
    const fault = value as { faultCode?: number; faultString?: string };
    throw new RpcFault(Number(fault.faultCode), String(fault.faultString));
  }
  return value;
}

export class XmlRpcClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly endpoint: RpcEndpoint, private readonly timeoutMs = 30000) {}

  call(method: string, ...params: RpcValue[]): Promise<RpcValue> {
    const body = encodeCall(method, params);
    const target = 'socketPath' in this.endpoint ? { socketPath: this.endpoint.socketPath } : { host: this.endpoint.host, port: this.endpoint.port };
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          ...target,
          agent: this.agent,
          method: 'POST',
          path: '/RPC2',
          headers: { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body), Host: 'localhost' },
          timeout: this.timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            if (response.statusCode !== 200) {
              reject(new Error(`HTTP ${response.statusCode} from ${method}`));
              return;
            }
            try {
              resolve(decodeResponse(Buffer.concat(chunks).toString('utf8')));
            } catch (err) {
              reject(err);
            }
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error(`${method}: no answer within ${this.timeoutMs} ms`)));
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
