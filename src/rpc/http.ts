// The request router shared by every control server: auth first, then /RPC2, /logtail,
// /mainlogtail, /ok.html, extra routes (metrics), the web UI, and 404 for the rest.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SupervisorFacade } from '../core/facade.js';
import type { MainLogger } from '../logging/api.js';
import { checkBasicAuth } from './auth.js';
import { SERVER_HEADER, sendError } from './http-errors.js';
import { logtailPath, streamLog } from './logtail.js';
import type { RpcRegistry } from './registry.js';
import { handleXmlRpc } from './xmlrpc-handler.js';
import type { XmlRpcValue } from './xmlrpc-values.js';

/** In-process RPC for the web UI; rejects with RpcFault (which has faultCode/faultString). */
export type RpcCaller = (method: string, params: unknown[]) => Promise<unknown>;

/** The web UI: returns false when the path is not one of its pages. */
export type WebHandler = (req: IncomingMessage, res: ServerResponse, rpc: RpcCaller) => Promise<boolean>;

/** A hook for extra endpoints such as /metrics; they sit behind the same authentication. */
export interface ExtraRoute {
  /** matched against the start of the (unquoted) path */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

export interface RouterContext {
  registry: RpcRegistry;
  facade: SupervisorFacade;
  log: MainLogger;
  mainLogPath(): string | null;
  credentials: { username: string; password: string } | null;
  web: WebHandler | null;
  extraRoutes: ExtraRoute[];
}

/** Python's unquote: %XX runs decoded as UTF-8 (invalid bytes become U+FFFD), malformed escapes kept. */
export function unquote(path: string): string {
  return path.replace(/(%[0-9a-fA-F]{2})+/g, (seq) => Buffer.from(seq.replace(/%/g, ''), 'hex').toString('utf8'));
}

function rejectUnauthorized(res: ServerResponse): void {
  sendError(res, 401, { 'WWW-Authenticate': 'Basic realm="default"', Connection: 'close' });
}

async function route(ctx: RouterContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  res.setHeader('Server', SERVER_HEADER);
  if (ctx.credentials) {
    const verdict = checkBasicAuth(req.headers.authorization, ctx.credentials.username, ctx.credentials.password);
    if (verdict === 'malformed') return sendError(res, 400, { Connection: 'close' });
    if (verdict === 'unauthorized') return rejectUnauthorized(res);
  }
  const rawPath = (req.url ?? '/').split('?')[0];
  const path = unquote(rawPath);

  if (path.startsWith('/RPC2')) return handleXmlRpc(req, res, ctx.registry, ctx.log);
  if (path.startsWith('/logtail')) return streamLog(req, res, logtailPath(ctx.facade, path), true);
  if (path.startsWith('/mainlogtail')) return streamLog(req, res, ctx.mainLogPath(), false);
  if (path.replace(/^\/+/, '') === 'ok.html' && (req.method === 'GET' || req.method === 'POST')) {
    res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 2 });
    res.end('OK');
    return;
  }
  for (const extra of ctx.extraRoutes) if (path.startsWith(extra.prefix)) return extra.handle(req, res);
  if (ctx.web) {
    const rpc: RpcCaller = (method, params) => ctx.registry.call(method, params as XmlRpcValue[]);
    if (await ctx.web(req, res, rpc)) return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 400);
  sendError(res, 404);
}

export function createRequestListener(ctx: RouterContext): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(ctx, req, res).catch((err: unknown) => {
      const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
      ctx.log.error(`Server Error: ${detail}`);
      sendError(res, 500);
    });
  };
}
