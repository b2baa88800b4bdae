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
  if (!text.includes('&')) return text;
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

function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e;
}

/**
 * One tag at a time from a cursor, with the text before it (no token array: a 200-program answer is
 * ~20 000 tags, and building them all first made the client's decoding cost several times the
 * server's answer time, which hid the server figures this benchmark is about).
 */
class TagScanner {
  private pos = 0;
  tag = '';
  close = false;
  empty = false;
  private textParts: string[] | null = null;
  private textStart = 0;
  private textEnd = 0;

  constructor(private readonly xml: string) {}

  /** raw text between the previous tag and this one (sliced only when asked for) */
  get text(): string {
    const last = this.xml.slice(this.textStart, this.textEnd);
    return this.textParts ? this.textParts.join('') + last : last;
  }

  /** Advance to the next element tag (declarations and comments are skipped); false at the end. */
  next(): boolean {
    const xml = this.xml;
    this.textParts = null;
    this.textStart = this.pos;
    for (;;) {
      const open = xml.indexOf('<', this.pos);
      if (open < 0) return false;
      const end = xml.indexOf('>', open);
      if (end < 0) return false;
      this.pos = end + 1;
      const first = xml.charCodeAt(open + 1);
      if (first === 0x3f /* ? */ || first === 0x21 /* ! */) {
        (this.textParts ??= []).push(xml.slice(this.textStart, open));
        this.textStart = this.pos;
        continue;
      }
      this.textEnd = open;
      this.close = first === 0x2f; /* / */
      this.empty = xml.charCodeAt(end - 1) === 0x2f;
      const nameStart = this.close ? open + 2 : open + 1;
      let nameEnd = nameStart;
      while (nameEnd < end && isNameChar(xml.charCodeAt(nameEnd))) nameEnd++;
      this.tag = xml.slice(nameStart, nameEnd);
      return true;
    }
  }

  is(tag: string, close: boolean): boolean {
    return this.tag === tag && this.close === close;
  }

  /** The text up to </closing>, unescaped. */
  readText(closing: string): string {
    let text = '';
    for (;;) {
      if (!this.next()) throw new Error(`malformed XML-RPC response: unterminated <${closing}>`);
      text += this.text;
      if (this.is(closing, true)) return unescapeXml(text);
    }
  }
}

/** Parses from just after <value> up to and including </value>. */
function readValue(scan: TagScanner): RpcValue {
  if (!scan.next()) throw new Error('malformed XML-RPC response: unterminated <value>');
  if (scan.is('value', true)) return unescapeXml(scan.text);
  const type = scan.tag;
  let result: RpcValue;
  if (scan.empty) result = type === 'string' ? '' : null;
  else if (type === 'array') result = readArray(scan);
  else if (type === 'struct') result = readStruct(scan);
  else {
    const text = scan.readText(type);
    if (type === 'int' || type === 'i4' || type === 'i8') result = parseInt(text, 10);
    else if (type === 'double') result = parseFloat(text);
    else if (type === 'boolean') result = text.trim() === '1';
    else result = text;
  }
  while (scan.next() && !scan.is('value', true));
  return result;
}

function readArray(scan: TagScanner): RpcValue[] {
  const items: RpcValue[] = [];
  while (scan.next()) {
    if (scan.is('value', false)) items.push(scan.empty ? '' : readValue(scan));
    else if (scan.is('array', true)) return items;
  }
  throw new Error('malformed XML-RPC response: unterminated <array>');
}

function readStruct(scan: TagScanner): { [key: string]: RpcValue } {
  const struct: { [key: string]: RpcValue } = {};
  let name = '';
  while (scan.next()) {
    if (scan.is('name', false)) name = scan.readText('name');
    else if (scan.is('value', false)) struct[name] = scan.empty ? '' : readValue(scan);
    else if (scan.is('struct', true)) return struct;
  }
  throw new Error('malformed XML-RPC response: unterminated <struct>');
}

/** Parses a methodResponse: returns the value or throws RpcFault. */
export function decodeResponse(xml: string): RpcValue {
  const scan = new TagScanner(xml);
  let isFault = false;
  for (;;) {
    if (!scan.next()) throw new Error('malformed XML-RPC response: no <value>');
    if (scan.is('fault', false)) isFault = true;
    if (scan.is('value', false)) break;
  }
  if (scan.empty) return '';
  const value = readValue(scan);
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
