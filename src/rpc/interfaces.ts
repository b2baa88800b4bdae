// Builds the method table of one HTTP server from the [rpcinterface:x] sections, the way
// Supervisor's make_http_servers instantiates the factories (and logs each one).
import type { RpcInterfaceConfig } from '../config/model.js';
import type { SupervisorFacade } from '../core/facade.js';
import type { MainLogger } from '../logging/api.js';
import { RpcRegistry } from './registry.js';
import { registerSupervisorApi } from './supervisor-api.js';
import { registerSystemApi } from './system-api.js';

/** The only factory we can honour: Supervisor's own main interface. */
export const MAIN_RPC_FACTORY = 'supervisor.rpcinterface:make_main_rpcinterface';

export interface RegistryOptions {
  facade: SupervisorFacade;
  log: MainLogger;
  rpcinterfaces: RpcInterfaceConfig[];
  now?: () => number;
}

export function buildRegistry(options: RegistryOptions): RpcRegistry {
  const registry = new RpcRegistry();
  for (const iface of options.rpcinterfaces) {
    if (iface.factory.trim() !== MAIN_RPC_FACTORY) {
      // Python plugins cannot run here; say so instead of failing the whole daemon.
      options.log.warn(`RPC interface '${iface.name}' skipped: factory ${iface.factory} is not supported by supervisor-ts`);
      continue;
    }
    const extra = Object.keys(iface.params);
    if (extra.length > 0) {
      // Supervisor passes them to the factory, which takes none: startup fails there too.
      options.log.warn(`make_main_rpcinterface() got an unexpected keyword argument '${extra[0]}'`);
      throw new Error(`Could not make ${iface.name} rpc interface`);
    }
    registerSupervisorApi(registry, { facade: options.facade, now: options.now, namespace: iface.name });
    options.log.info(`RPC interface '${iface.name}' initialized`);
  }
  registerSystemApi(registry);
  return registry;
}
