// Shared helpers for the HTTP tests: temp dirs, raw requests over unix sockets, deadline polling.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HttpServerConfig } from '../../../src/config/model.js';

export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function unixServer(file: string, auth: { username: string; password: string } | null = null): HttpServerConfig {
  return {
    kind: 'unix',
    section: 'unix_http_server',
    file,
    chmod: 0o700,
    chown: null,
    username: auth?.username ?? null,
    password: auth?.password ?? null,
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function parseResponse(text: string): RawResponse {
  const split = text.indexOf('\r\n\r\n');
  const head = split < 0 ? text : text.slice(0, split);
  const [statusLine, ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: split < 0 ? '' : text.slice(split + 4) };
}

/** Sends raw bytes and reads until the server closes or `untilComplete` says the response is whole. */
export function rawRequest(
  target: string | { host: string; port: number },
  request: string | Buffer,
  timeoutMs = 5000,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const sock = typeof target === 'string' ? net.connect(target) : net.connect(target.port, target.host);
    let data = '';
    const timer = setTimeout(() => {
      sock.destroy();
      if (data) resolve(parseResponse(data));
      else reject(new Error('no response before the deadline'));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      sock.destroy();
      resolve(parseResponse(data));
    };
    sock.on('data', (chunk) => {
      data += chunk.toString('utf8');
      const parsed = parseResponse(data);
      const length = parsed.headers['content-length'];
      if (length !== undefined && Buffer.byteLength(parsed.body) >= Number(length)) done();
    });
    sock.on('end', done);
    sock.on('error', (err) => {
      clearTimeout(timer);
      if (data) resolve(parseResponse(data));
      else reject(err);
    });
    sock.write(request);
  });
}

export function post(body: string, headers: Record<string, string> = {}): string {
  const all: Record<string, string> = { Host: 'localhost', 'Content-Type': 'text/xml', 'Content-Length': String(Buffer.byteLength(body)), ...headers };
  const lines = Object.entries(all).map(([k, v]) => `${k}: ${v}`);
  return `POST /RPC2 HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}

export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
