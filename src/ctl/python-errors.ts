// Supervisor prints any unexpected exception as "error: <class 'X'>, <message>: file: <f> line: <n>".
// We name the Python class the same failure would have been in Supervisor, so scripts that grep for
// e.g. ProtocolError or ConnectionRefusedError keep working; file/line point into our own code.
import {
  RpcFaultError,
  RpcProtocolError,
  RpcConnectionError,
  UnknownProtocolError,
  pythonErrorClass,
} from '../rpc/client.js';

/** Python's strerror text for an errno, e.g. "[Errno 111] Connection refused". */
function errnoText(err: RpcConnectionError): string {
  const detail = err.message.replace(/^\w+ /, '').replace(/ \S*$/, '');
  const known: Record<string, string> = {
    ECONNREFUSED: 'Connection refused',
    ENOENT: 'No such file or directory',
    EACCES: 'Permission denied',
    ECONNRESET: 'Connection reset by peer',
    EPIPE: 'Broken pipe',
    ETIMEDOUT: 'Connection timed out',
  };
  const text = known[err.code] ?? (detail || err.code);
  return err.errno ? `[Errno ${err.errno}] ${text}` : text;
}

function pythonClassAndMessage(err: unknown): [string, string] {
  if (err instanceof RpcFaultError) return ["<class 'xmlrpc.client.Fault'>", err.message];
  if (err instanceof RpcProtocolError) return ["<class 'xmlrpc.client.ProtocolError'>", err.message];
  if (err instanceof RpcConnectionError) return [pythonErrorClass(err.code), errnoText(err)];
  if (err instanceof UnknownProtocolError) return ["<class 'ValueError'>", err.message];
  if (err instanceof Error) return [`<class '${err.name}'>`, err.message];
  return ["<class 'Exception'>", String(err)];
}

/** Where the error was raised: the first stack frame that has a file and a line. */
function origin(err: unknown): { file: string; line: string } {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  const m = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?/.exec(stack);
  return m ? { file: m[1].replace(/^file:\/\//, ''), line: m[2] } : { file: 'supervisorctl', line: '0' };
}

export function describeUnexpectedError(err: unknown): string {
  const [cls, message] = pythonClassAndMessage(err);
  const { file, line } = origin(err);
  return `error: ${cls}, ${message}: file: ${file} line: ${line}`;
}
