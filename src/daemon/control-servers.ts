// The RPC engineer's HTTP servers, loaded lazily so the daemon runs (without control servers) until
// src/rpc/server.ts lands. TODO(core): switch to a static import once it exists.
import type { HttpServerConfig } from '../config/model.js';
import type { SupervisorFacade } from '../core/facade.js';
import type { MainLogger } from '../logging/api.js';

export interface ControlServers {
  close(): Promise<void>;
}

interface ServerModule {
  startControlServers(opts: {
    servers: HttpServerConfig[]; facade: SupervisorFacade; log: MainLogger; mainLogPath(): string | null;
  }): Promise<ControlServers>;
}

const CANDIDATES = ['../rpc/server.js', '../rpc/http.js'];

async function loadServerModule(): Promise<ServerModule | null> {
  for (const specifier of CANDIDATES) {
    try {
      const mod = (await import(specifier)) as Partial<ServerModule>;
      if (typeof mod.startControlServers === 'function') return mod as ServerModule;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ERR_MODULE_NOT_FOUND') throw err;
    }
  }
  return null;
}

/** Start every configured server; throws with Supervisor's message when one cannot listen. */
export async function openControlServers(servers: HttpServerConfig[], facade: SupervisorFacade,
  log: MainLogger): Promise<ControlServers> {
  if (servers.length === 0) return { close: async () => undefined };
  const mod = await loadServerModule();
  if (!mod) {
    log.warn('control servers are not available in this build');
    return { close: async () => undefined };
  }
  return mod.startControlServers({ servers, facade, log, mainLogPath: () => facade.mainLogPath });
}
