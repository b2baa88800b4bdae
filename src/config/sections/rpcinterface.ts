// [rpcinterface:x]: the factory spec and its keyword arguments. The stock Supervisor factory is built in; any other
// (a Python callable) cannot run here, so it is recorded with a warning rather than failing the whole config.
import type { RpcInterfaceConfig } from '../model.js';
import type { ConfigReader } from '../reader.js';

export const FACTORY_KEY = 'supervisor.rpcinterface_factory';
export const BUILTIN_RPC_FACTORY = 'supervisor.rpcinterface:make_main_rpcinterface';

export function readRpcInterfaces(reader: ConfigReader): RpcInterfaceConfig[] {
  const result: RpcInterfaceConfig[] = [];
  for (const section of reader.doc.sectionNames().filter((s) => s.startsWith('rpcinterface:'))) {
    const name = section.slice(section.indexOf(':') + 1);
    const factory = reader.get(section, FACTORY_KEY, null);
    if (factory === null) reader.fail(`section [${section}] does not specify a ${FACTORY_KEY}`, section);
    const params: Record<string, string> = {};
    for (const key of reader.doc.options(section)) {
      if (key !== FACTORY_KEY) Object.defineProperty(params, key, { value: reader.get(section, key, ''), enumerable: true, writable: true, configurable: true });
    }
    if (factory.trim() !== BUILTIN_RPC_FACTORY) {
      reader.messages.warnings.push(
        `[${section}] ${FACTORY_KEY} ${factory} is a Python callable that supervisor-ts cannot load; ` +
          `the '${name}' XML-RPC namespace will not be available`,
      );
    }
    result.push({ name, factory: factory.trim(), params });
  }
  return result;
}
