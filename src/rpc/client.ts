// XML-RPC client for supervisord over `unix:///path` or `http://host:port`, shaped like Supervisor's
// SupervisorTransport: one persistent keep-alive connection, Basic auth only when both username and
// password are set, any non-200 answer is a protocol error. Errors keep enough detail (errno code,
// HTTP status) for supervisorctl to print Supervisor's exact texts.
import http from 'node:http';
import { serializeMethodCall, parseMethodResponse } from './xmlrpc-codec.js';
import type { XmlRpcValue } from './xmlrpc-values.js';
import { pyRepr } from '../python/repr.js';

export interface RpcClientOptions {
  serverurl: string;
  username: string | null;
  password: string | null;
}

/** The server answered with an XML-RPC fault. */
export class RpcFaultError extends Error {
  override name = 'RpcFaultError';
  constructor(
    public readonly faultCode: number,
    public readonly faultString: string,
  ) {
    super(`<Fault ${faultCode}: ${pyRepr(faultString)}>`);
  }
}

/** The server answered with an HTTP status other than 200 (401 when credentials are missing or wrong). */
export class RpcProtocolError extends Error {
  override name = 'RpcProtocolError';
  constructor(
    /** Python reports "127.0.0.1/RPC2" here whatever the real address is; we keep that */
    public readonly url: string,
    public readonly status: number,
    public readonly reason: string,
  ) {
    super(`<ProtocolError for ${url}: ${status} ${reason}>`);
  }
}

/** The connection could not be made or broke; `code` is the errno name (ECONNREFUSED, ENOENT, ...). */
export class RpcConnectionError extends Error {
  override name = 'RpcConnectionError';
  constructor(
    public readonly code: string,
    public readonly errno: number,
    message: string,
  ) {
    super(message);
  }
}

/** The server URL is neither http:// nor unix:// (Python raises ValueError). */
export class UnknownProtocolError extends Error {
  override name = 'UnknownProtocolError';
  constructor(serverurl: string) {
    super(`Unknown protocol for serverurl ${serverurl}`);
  }
}

/** Where a server URL points: a unix socket path or a TCP host and port. */
export type ServerAddress = { kind: 'unix'; socketPath: string } | { kind: 'inet'; host: string; port: number };

export function parseServerUrl(serverurl: string): ServerAddress {
  if (serverurl.startsWith('unix://')) return { kind: 'unix', socketPath: serverurl.slice('unix://'.length) };
  if (serverurl.startsWith('http://')) {
    const url = new URL(serverurl);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
    return { kind: 'inet', host, port: url.port ? Number(url.port) : 80 };
  }
  throw new UnknownProtocolError(serverurl);
}

export function basicAuthHeader(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/** Maps a Node socket error to our error type, keeping the errno so callers can tell refused from missing. */
export function toConnectionError(err: unknown): RpcConnectionError {
  const e = err as NodeJS.ErrnoException;
  const code = typeof e?.code === 'string' ? e.code : 'EIO';
  const errno = typeof e?.errno === 'number' ? Math.abs(e.errno) : 0;
  return new RpcConnectionError(code, errno, e?.message ?? String(err));
}

const PYTHON_FAKE_HOST = '127.0.0.1';
const RPC_PATH = '/RPC2';

export class RpcClient {
  private readonly address: ServerAddress;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly options: RpcClientOptions) {
    this.address = parseServerUrl(options.serverurl);
  }

  get serverurl(): string {
    return this.options.serverurl;
  }

  /** Calls `method` and resolves with its value; rejects with RpcFaultError / RpcProtocolError / RpcConnectionError. */
  async call(method: string, ...params: XmlRpcValue[]): Promise<XmlRpcValue> {
    const body = Buffer.from(serializeMethodCall(method, params), 'utf8');
    const { status, reason, payload } = await this.post(body);
    if (status !== 200) {
      // Python drops the connection after a non-200 answer; a fresh one is made next time
      this.agent.destroy();
      throw new RpcProtocolError(PYTHON_FAKE_HOST + RPC_PATH, status, reason);
    }
    const parsed = parseMethodResponse(payload.toString('utf8'));
    if (parsed.kind === 'fault') throw new RpcFaultError(parsed.faultCode, parsed.faultString);
    return parsed.value;
  }

  close(): void {
    this.agent.destroy();
  }

  private post(body: Buffer): Promise<{ status: number; reason: string; payload: Buffer }> {
    const headers: http.OutgoingHttpHeaders = {
      Host: 'localhost',
      'User-Agent': 'supervisor-ts',
      'Content-Type': 'text/xml',
      Accept: 'text/xml',
      'Content-Length': String(body.length),
    };
    const { username, password } = this.options;
    if (username !== null && password !== null) headers.Authorization = basicAuthHeader(username, password);
    const target =
      this.address.kind === 'unix'
        ? { socketPath: this.address.socketPath }
        : { host: this.address.host, port: this.address.port };
    return new Promise((resolve, reject) => {
      const req = http.request({ ...target, method: 'POST', path: RPC_PATH, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, reason: res.statusMessage ?? '', payload: Buffer.concat(chunks) }),
        );
        res.on('error', (err) => reject(toConnectionError(err)));
      });
      req.on('error', (err) => reject(toConnectionError(err)));
      req.end(body);
    });
  }
}

export interface LogStreamSinks {
  /** body bytes as they arrive */
  onData(chunk: Buffer): void;
  /** a failure, already phrased like Supervisor's HTTP client ("<url> Cannot read, status code 401") */
  onError(message: string): void;
}

export interface LogStream {
  /** settles when the server ends the stream, an error happened, or close() was called */
  done: Promise<void>;
  close(): void;
}

/**
 * GETs a streaming log tail (`/logtail/<name>/<channel>` or `/mainlogtail`) like supervisorctl's own HTTP
 * client: Basic auth only when a password is set (the username may then be the text "None", as in Python).
 */
export function openLogStream(options: RpcClientOptions, path: string, sinks: LogStreamSinks): LogStream {
  const url = options.serverurl + path;
  const address = parseServerUrl(options.serverurl);
  const headers: http.OutgoingHttpHeaders = {
    // Node would say "Connection: close", and Medusa then holds a never-ending body back; Python's client
    // sends nothing, i.e. HTTP/1.1 keep-alive
    Connection: 'keep-alive',
    'Accept-Encoding': 'chunked',
    Accept: '*/*',
    'User-agent': 'Supervisor HTTP Client',
  };
  if (options.password) headers.Authorization = basicAuthHeader(options.username ?? 'None', options.password);
  const target =
    address.kind === 'unix' ? { socketPath: address.socketPath } : { host: address.host, port: address.port };
  let req: http.ClientRequest | null = null;
  let closed = false;
  const done = new Promise<void>((resolve) => {
    req = http.get({ ...target, path, headers, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        sinks.onError(`${url} Cannot read, status code ${res.statusCode}`);
        res.destroy();
        resolve();
        return;
      }
      res.on('data', (chunk: Buffer) => sinks.onData(chunk));
      res.on('end', () => resolve());
      res.on('close', () => resolve());
      res.on('error', () => resolve());
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (!closed) sinks.onError(`${url} Cannot connect, error: ${pythonErrorClass(err.code)} (${err.message})`);
      resolve();
    });
    req.on('close', () => resolve());
  });
  return {
    done,
    close() {
      closed = true;
      (req as http.ClientRequest | null)?.destroy();
    },
  };
}

/** The Python exception class name that an errno code surfaces as (for messages copied from Python's client). */
export function pythonErrorClass(code: string | undefined): string {
  switch (code) {
    case 'ECONNREFUSED':
      return "<class 'ConnectionRefusedError'>";
    case 'ENOENT':
      return "<class 'FileNotFoundError'>";
    case 'EACCES':
    case 'EPERM':
      return "<class 'PermissionError'>";
    case 'ECONNRESET':
      return "<class 'ConnectionResetError'>";
    case 'EPIPE':
      return "<class 'BrokenPipeError'>";
    case 'ETIMEDOUT':
      return "<class 'TimeoutError'>";
    default:
      return "<class 'OSError'>";
  }
}
