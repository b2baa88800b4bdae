// startControlServers: one node:http server per [unix_http_server] / [inet_http_server] section,
// all with the same handlers, as Supervisor's make_http_servers.
import http from 'node:http';
import type { HttpServerConfig, RpcInterfaceConfig } from '../config/model.js';
import type { SupervisorFacade } from '../core/facade.js';
import type { MainLogger } from '../logging/api.js';
import { handleWebRequest } from '../web/routes.js';
import { createRequestListener, type ExtraRoute, type WebHandler } from './http.js';
import { buildRegistry, MAIN_RPC_FACTORY } from './interfaces.js';
import { listenInet, listenUnix, unlinkIfOurs } from './listen.js';
import { isStreaming } from './logtail.js';
import type { RpcRegistry } from './registry.js';

export type { ExtraRoute, WebHandler, RpcCaller } from './http.js';

/** Slow or stuck clients may not hold a request open forever (idle keep-alive is still unlimited). */
const HEADERS_TIMEOUT_MS = 60_000;
const REQUEST_TIMEOUT_MS = 300_000;

export interface ControlServerOptions {
  servers: HttpServerConfig[];
  facade: SupervisorFacade;
  log: MainLogger;
  mainLogPath(): string | null;
  /** the [rpcinterface:x] sections; defaults to facade.config.rpcinterfaces */
  rpcinterfaces?: RpcInterfaceConfig[];
  /** the web UI; defaults to web/routes.ts, null disables it */
  web?: WebHandler | null;
  /** e.g. /metrics */
  extraRoutes?: ExtraRoute[];
  /** epoch seconds, for tests */
  now?: () => number;
}

export interface RunningServer {
  config: HttpServerConfig;
  server: http.Server;
  registry: RpcRegistry;
}

export interface ControlServers {
  readonly servers: readonly RunningServer[];
  /** Stops listening, drops open connections (idle keep-alive and log tails) and removes socket files. */
  close(): Promise<void>;
}

function createServer(): http.Server {
  // Medusa never insisted on a Host header; hand-written clients and scripts often omit it.
  const server = http.createServer({ requireHostHeader: false });
  // Python's xmlrpc transport keeps one connection forever and never retries (§9).
  server.keepAliveTimeout = 0;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  return server;
}

/** How long close() lets in-flight responses (e.g. the answer to supervisor.shutdown) finish. */
const CLOSE_GRACE_MS = 3000;

/**
 * Tracks in-flight responses so close() can let them finish (supervisorctl must still get the
 * answer to `shutdown`) while dropping idle keep-alive connections and never-ending log tails.
 */
function trackResponses(server: http.Server): () => Promise<void> {
  const active = new Set<http.ServerResponse>();
  let closing = false;
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    active.add(res);
    // once closing, a reused keep-alive connection is closed after this response
    if (closing) res.shouldKeepAlive = false;
    res.on('finish', () => {
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
    res.on('close', () => active.delete(res));
  });
  return () =>
    new Promise<void>((resolve) => {
      closing = true;
      const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
      for (const res of active) {
        if (isStreaming(res)) res.destroy();
        else res.shouldKeepAlive = false;
      }
    });
}

export async function startControlServers(opts: ControlServerOptions): Promise<ControlServers> {
  const running: RunningServer[] = [];
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  };
  const rpcinterfaces = opts.rpcinterfaces ?? opts.facade.config.rpcinterfaces;
  const web = opts.web === undefined ? handleWebRequest : opts.web;
  try {
    for (const config of opts.servers) {
      // Bind first, like Supervisor: a server that cannot listen logs nothing about its interfaces.
      const server = createServer();
      const closeServer = trackResponses(server);
      if (config.kind === 'unix') {
        if (!config.file) throw new Error(`section [${config.section}] has no file value`);
        const file = config.file;
        const ino = await listenUnix(server, { file, chmod: config.chmod ?? 0o700, chown: config.chown ?? null });
        cleanups.push(async () => {
          await closeServer();
          unlinkIfOurs(file, ino);
        });
      } else {
        if (config.port === undefined) throw new Error(`section [${config.section}] has no port value`);
        await listenInet(server, config.host ?? '', config.port);
        cleanups.push(closeServer);
      }
      // No request can be dispatched before this synchronous part ends.
      const registry = buildRegistry({ facade: opts.facade, log: opts.log, rpcinterfaces, now: opts.now });
      const credentials =
        config.username !== null && config.password !== null
          ? { username: config.username, password: config.password }
          : null;
      if (!credentials) opts.log.critical(`Server '${config.section}' running without any HTTP authentication checking`);
      server.on(
        'request',
        createRequestListener({
          registry,
          facade: opts.facade,
          log: opts.log,
          mainLogPath: opts.mainLogPath,
          credentials,
          web,
          extraRoutes: opts.extraRoutes ?? [],
        }),
      );
      running.push({ config, server, registry });
    }
  } catch (err) {
    await close();
    throw err;
  }
  return { servers: running, close };
}

export { MAIN_RPC_FACTORY };
