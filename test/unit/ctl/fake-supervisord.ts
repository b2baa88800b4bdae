// A scriptable stand-in for supervisord's XML-RPC endpoint on a unix socket, plus a recording CtlIO,
// so controller behaviour can be tested in-process.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeMethodResponse, serializeFault, parseMethodCall, type XmlRpcValue } from '../../../src/rpc/xmlrpc-codec.js';
import type { CtlIO } from '../../../src/ctl/controller.js';

export class Fault {
  constructor(
    public code: number,
    public text: string,
  ) {}
}

export type Handler = (params: XmlRpcValue[]) => XmlRpcValue | Fault;

export interface FakeSupervisord {
  url: string;
  calls: string[];
  handlers: Map<string, Handler>;
  /** answers GET /logtail/... with these chunks then keeps the stream open */
  logtailChunks: string[];
  close(): Promise<void>;
}

export async function startFake(handlers: Record<string, Handler>): Promise<FakeSupervisord> {
  const dir = mkdtempSync(join(tmpdir(), 'ctl-fake-'));
  const socket = join(dir, 'fake.sock');
  const fake: FakeSupervisord = {
    url: `unix://${socket}`,
    calls: [],
    handlers: new Map(Object.entries({ 'supervisor.getVersion': () => '3.0', ...handlers })),
    logtailChunks: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      fake.calls.push(`GET ${req.url}`);
      res.writeHead(200, { 'Transfer-Encoding': 'chunked' });
      for (const c of fake.logtailChunks) res.write(c);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const { methodName, params } = parseMethodCall(Buffer.concat(chunks).toString('utf8'));
      fake.calls.push(methodName);
      const handler = fake.handlers.get(methodName);
      const result = handler ? handler(params) : new Fault(1, 'UNKNOWN_METHOD');
      const body = result instanceof Fault ? serializeFault(result.code, result.text) : serializeMethodResponse(result);
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.keepAliveTimeout = 0;
  await new Promise<void>((r) => server.listen(socket, () => r()));
  return fake;
}

/** A CtlIO that records output and answers prompts from a script. */
export class RecordingIO implements CtlIO {
  out = '';
  err = '';
  prompts: string[] = [];
  interruptHandlers: Array<() => void> = [];
  constructor(private readonly answers: Array<string | null> = []) {}
  write(text: string): void {
    this.out += text;
  }
  writeErr(text: string): void {
    this.err += text;
  }
  async readLine(prompt: string): Promise<string | null> {
    this.prompts.push(prompt);
    return this.answers.length ? (this.answers.shift() as string | null) : null;
  }
  readSecret(prompt: string): Promise<string | null> {
    return this.readLine(prompt);
  }
  onInterrupt(handler: () => void): () => void {
    this.interruptHandlers.push(handler);
    return () => {
      this.interruptHandlers = this.interruptHandlers.filter((h) => h !== handler);
    };
  }
  /** simulates ^C */
  interrupt(): void {
    this.interruptHandlers.at(-1)?.();
  }
}

export function info(group: string, name: string, statename: string, extra: Partial<Record<string, XmlRpcValue>> = {}) {
  const states: Record<string, number> = { STOPPED: 0, STARTING: 10, RUNNING: 20, BACKOFF: 30, STOPPING: 40, EXITED: 100, FATAL: 200 };
  return { group, name, statename, state: states[statename], description: '', pid: 0, ...extra } as XmlRpcValue;
}
