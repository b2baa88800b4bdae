// The system.* namespace: introspection and Supervisor's flavour of multicall.
import { Faults, RpcFault } from './faults.js';
import type { RpcRegistry } from './registry.js';
import { isStruct, type XmlRpcStruct, type XmlRpcValue } from './xmlrpc-values.js';

function faultStruct(code: number, text: string): XmlRpcStruct {
  return { faultCode: code, faultString: text };
}

/** Turns any failure of one multicall element into Supervisor's fault struct. */
function failureStruct(err: unknown): XmlRpcStruct {
  if (err instanceof RpcFault) return faultStruct(err.code, err.text);
  const type = err instanceof Error ? err.constructor.name : typeof err;
  const message = err instanceof Error ? err.message : String(err);
  return faultStruct(Faults.FAILED, `FAILED: ${type}:${message}`);
}

async function runOneCall(registry: RpcRegistry, call: XmlRpcValue): Promise<XmlRpcValue> {
  if (!isStruct(call)) throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'each call must be a struct');
  const name = call.methodName;
  if (name === undefined) throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'No methodName');
  if (typeof name !== 'string') throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'methodName must be a string');
  if (name === 'system.multicall') {
    throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'Recursive system.multicall forbidden');
  }
  const params = call.params ?? [];
  if (!Array.isArray(params)) throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'params must be an array');
  return await registry.call(name, params);
}

/**
 * Runs the calls one after another, waiting for deferred ones in order. Successes are the bare
 * values (not one-element arrays as the XML-RPC multicall convention says): that is what
 * Supervisor returns and what supervisorctl expects.
 */
export async function multicall(registry: RpcRegistry, calls: XmlRpcValue[]): Promise<XmlRpcValue[]> {
  const results: XmlRpcValue[] = [];
  for (const call of calls) {
    try {
      results.push(await runOneCall(registry, call));
    } catch (err) {
      results.push(failureStruct(err));
    }
  }
  return results;
}

export function registerSystemApi(registry: RpcRegistry): void {
  registry.register('system.listMethods', {
    summary: 'List the names of every method this server publishes, aliases included.',
    params: [],
    returns: 'array',
    returnDoc: 'result  sorted method names (strings)',
    run: () => registry.listMethods(),
  });
  registry.register('system.methodHelp', {
    summary: 'Describe a method: what it does, its parameters and its result.',
    params: [{ name: 'name', type: 'string', doc: 'the full method name, e.g. supervisor.getState' }],
    returns: 'string',
    returnDoc: 'result  the description',
    run: ([name]) => registry.help(name as string),
  });
  registry.register('system.methodSignature', {
    summary: 'Give the types of a method as [return type, parameter types...].',
    params: [{ name: 'name', type: 'string', doc: 'the full method name' }],
    returns: 'array',
    returnDoc: 'result  the type names',
    run: ([name]) => registry.signature(name as string),
  });
  registry.register('system.multicall', {
    summary:
      'Run several calls in one round trip, in order. Each result is either the call\'s value ' +
      'or a struct {faultCode, faultString}.',
    params: [{ name: 'calls', type: 'array', doc: 'structs {methodName: string, params: array}' }],
    returns: 'array',
    returnDoc: 'result  one entry per call',
    run: ([calls]) => multicall(registry, calls as XmlRpcValue[]),
  });
}
