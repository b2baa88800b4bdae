// The XML-RPC value model shared by the encoder, the decoder, the server and the client.

/** Marks a number that must go on the wire as <double>; plain numbers are always <int>. */
export class XmlRpcDouble {
  constructor(public value: number) {}
}

export type XmlRpcStruct = { [k: string]: XmlRpcValue };

/** Supervisor never sends `<nil/>` and never accepts it usefully, so there is no null here. */
export type XmlRpcValue =
  | number
  | boolean
  | string
  | Date
  | Buffer
  | XmlRpcValue[]
  | XmlRpcStruct
  | XmlRpcDouble;

/** Malformed or hostile XML-RPC input (the HTTP layer answers 400). */
export class XmlRpcParseError extends Error {
  override name = 'XmlRpcParseError';
}

/** A value that XML-RPC cannot carry (e.g. a fractional or 64-bit int). */
export class XmlRpcEncodeError extends Error {
  override name = 'XmlRpcEncodeError';
}

/** XML-RPC <int> is a signed 32-bit integer; Python refuses anything wider. */
export const XMLRPC_MAXINT = 2 ** 31 - 1;
export const XMLRPC_MININT = -(2 ** 31);

/** Deepest <value> nesting we decode; deeper input is treated as hostile. */
export const MAX_VALUE_DEPTH = 100;

/**
 * Sets a struct member without letting keys such as `__proto__` touch the prototype.
 * Struct keys come straight from the network.
 */
export function setMember(struct: XmlRpcStruct, key: string, value: XmlRpcValue): void {
  Object.defineProperty(struct, key, { value, enumerable: true, writable: true, configurable: true });
}

export function isStruct(v: XmlRpcValue | undefined): v is XmlRpcStruct {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !Buffer.isBuffer(v) &&
    !(v instanceof XmlRpcDouble)
  );
}
