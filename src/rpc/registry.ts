// Wire name -> method table with Supervisor's resolution rules (exactly `ns.method`, no `_` names,
// wrong argument count -> INCORRECT_PARAMETERS) and argument coercion in the spirit of Python's int()/str.
import { Faults, RpcFault } from './faults.js';
import { isStruct, type XmlRpcValue } from './xmlrpc-values.js';

export type WireType = 'string' | 'int' | 'boolean' | 'array' | 'struct';

export interface ParamSpec {
  name: string;
  type: WireType;
  /** a Python default exists, so the argument may be left out */
  optional?: boolean;
  /** pass the raw value through; the method checks it itself (to reproduce Supervisor's own fault text) */
  raw?: boolean;
  /** one line for methodHelp */
  doc: string;
}

export interface MethodSpec {
  returns: WireType;
  returnDoc: string;
  params: ParamSpec[];
  /** what the method does, for methodHelp */
  summary: string;
  run(args: XmlRpcValue[]): XmlRpcValue | Promise<XmlRpcValue>;
}

const INT_TEXT = /^\s*[+-]?\d+\s*$/;

function coerce(value: XmlRpcValue, param: ParamSpec): XmlRpcValue {
  if (param.raw) return Buffer.isBuffer(value) ? value.toString('utf8') : value;
  switch (param.type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (Buffer.isBuffer(value)) return value.toString('utf8');
      break;
    case 'int':
      // Python's int(): accepts ints, floats (truncated), bools and numeric strings.
      if (typeof value === 'number') return Math.trunc(value);
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'string' && INT_TEXT.test(value)) return Number(value.trim());
      break;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      break;
    case 'array':
      if (Array.isArray(value)) return value;
      break;
    case 'struct':
      if (isStruct(value)) return value;
      break;
  }
  throw new RpcFault(Faults.INCORRECT_PARAMETERS, `${param.name} must be of type ${param.type}`);
}

/** methodHelp text in Supervisor's docstring style, so tools that parse @param/@return keep working. */
function helpText(spec: MethodSpec): string {
  const lines = [spec.summary, ''];
  for (const p of spec.params) lines.push(`@param ${p.type} ${p.name} ${p.doc}`);
  lines.push(`@return ${spec.returns} ${spec.returnDoc}`);
  return lines.join('\n');
}

export class RpcRegistry {
  private readonly methods = new Map<string, MethodSpec>();

  /** Registers `ns.name`; aliases are simply registered twice with the same spec. */
  register(wireName: string, spec: MethodSpec): void {
    if (wireName.split('.').length !== 2) throw new Error(`method name must be ns.method: ${wireName}`);
    this.methods.set(wireName, spec);
  }

  /** Every published name, sorted like Python's list.sort(). */
  listMethods(): string[] {
    return [...this.methods.keys()].sort();
  }

  has(wireName: string): boolean {
    return this.methods.has(wireName);
  }

  signature(wireName: string): string[] {
    const spec = this.methods.get(wireName);
    if (!spec) throw new RpcFault(Faults.SIGNATURE_UNSUPPORTED);
    return [spec.returns, ...spec.params.map((p) => p.type)];
  }

  help(wireName: string): string {
    const spec = this.methods.get(wireName);
    if (!spec) throw new RpcFault(Faults.SIGNATURE_UNSUPPORTED);
    return helpText(spec);
  }

  /** Resolves and runs a method; rejects with RpcFault for anything the caller did wrong. */
  async call(method: string, params: XmlRpcValue[]): Promise<XmlRpcValue> {
    const spec = this.resolve(method);
    const required = spec.params.filter((p) => !p.optional).length;
    if (params.length < required || params.length > spec.params.length) {
      throw new RpcFault(Faults.INCORRECT_PARAMETERS);
    }
    const args = params.map((value, i) => coerce(value, spec.params[i]));
    return await spec.run(args);
  }

  private resolve(method: string): MethodSpec {
    const parts = method.split('.');
    // CVE-2017-11610: never walk further than namespace.method; `_` names are private.
    if (parts.length !== 2 || parts[1].startsWith('_')) throw new RpcFault(Faults.UNKNOWN_METHOD);
    const spec = this.methods.get(method);
    if (!spec) throw new RpcFault(Faults.UNKNOWN_METHOD);
    return spec;
  }
}
