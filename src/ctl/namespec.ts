// Process names and the shapes of the RPC answers supervisorctl reads.
import type { XmlRpcValue } from '../rpc/xmlrpc-values.js';

// same rules as the server side
export { makeNamespec, splitNamespec } from '../rpc/namespec.js';

/** A getProcessInfo / getAllProcessInfo entry (only the fields supervisorctl reads). */
export interface ProcessInfo {
  name: string;
  group: string;
  state: number;
  statename: string;
  description: string;
  pid: number;
}

/** One entry of a start/stop/signal/clear result array. */
export interface ProcessResult {
  name: string;
  group: string;
  status: number;
  description: string;
}

/** One getAllConfigInfo entry (fields used by `avail`). */
export interface ConfigInfo {
  name: string;
  group: string;
  inuse: boolean;
  autostart: boolean;
  group_prio: number;
  process_prio: number;
}

/** Narrows an RPC answer we know the shape of; a server that lies gets a clear error, not a crash later. */
export function asArray<T>(value: XmlRpcValue, what: string): T[] {
  if (!Array.isArray(value)) throw new TypeError(`${what}: expected an array from the server`);
  return value as unknown as T[];
}

export function asStruct<T>(value: XmlRpcValue, what: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${what}: expected a struct from the server`);
  }
  return value as unknown as T;
}

/** Python's '%-Ns': pad to N code points, never truncate. */
export function padRight(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}
