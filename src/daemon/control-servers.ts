// The control plane (XML-RPC, logtail, web UI) on every configured [unix_http_server]/[inet_http_server].
import type { HttpServerConfig } from '../config/model.js';
import type { SupervisorFacade } from '../core/facade.js';
import type { MainLogger } from '../logging/api.js';
import { startControlServers } from '../rpc/server.js';

export interface ControlServers {
  close(): Promise<void>;
}

/** Start every configured server; throws with Supervisor's message when one cannot listen. */
export async function openControlServers(servers: HttpServerConfig[], facade: SupervisorFacade,
  log: MainLogger): Promise<ControlServers> {
  if (servers.length === 0) return { close: async () => undefined };
  return startControlServers({ servers, facade, log, mainLogPath: () => facade.mainLogPath });
}
