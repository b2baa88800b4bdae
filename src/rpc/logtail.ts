// GET /logtail/<namespec>[/stdout|stderr] and /mainlogtail: the last 1024 bytes, then whatever is
// appended, as a never-ending chunked response (Supervisor's tail_f_producer).
import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SupervisorFacade } from '../core/facade.js';
import { followFile } from '../logging/log-follow.js';
import { sendError } from './http-errors.js';
import { splitNamespec } from './namespec.js';

const streaming = new WeakSet<ServerResponse>();

/** Log tails never end by themselves; servers drop them at close instead of waiting. */
export function isStreaming(res: ServerResponse): boolean {
  return streaming.has(res);
}

/** The process' log path for `/logtail/<namespec>[/<channel>]`, or null for 404. */
export function logtailPath(facade: SupervisorFacade, path: string): string | null {
  const rest = path.replace(/^\/+/, '').split('/').slice(1).join('/'); // drop "logtail"
  if (!rest) return null;
  const slash = rest.indexOf('/');
  const namespec = slash < 0 ? rest : rest.slice(0, slash);
  const channel = slash < 0 ? 'stdout' : rest.slice(slash + 1);
  const [groupName, processName] = splitNamespec(namespec);
  const process = processName === null ? undefined : facade.getGroup(groupName)?.processes.get(processName);
  if (!process) return null;
  if (channel === 'stdout') return process.stdoutLogPath;
  if (channel === 'stderr') return process.stderrLogPath;
  return null;
}

/** Streams `file`; 404 when there is no such file yet. */
export function streamLog(req: IncomingMessage, res: ServerResponse, file: string | null, proxyHint: boolean): void {
  if (req.method !== 'GET') return sendError(res, 400);
  let mtime: Date;
  try {
    if (file === null) throw new Error('no file');
    mtime = statSync(file).mtime;
  } catch {
    return sendError(res, 404);
  }
  let stop: (() => void) | null = null;
  try {
    stop = followFile(
      file,
      (data) => {
        if (!res.destroyed) res.write(data);
      },
      () => res.destroy(),
    );
  } catch {
    return sendError(res, 404);
  }
  const headers: Record<string, string> = {
    'Last-Modified': mtime.toUTCString(),
    'Content-Type': 'text/plain;charset=utf-8',
  };
  // tells nginx & co. not to buffer the stream
  if (proxyHint) headers['X-Accel-Buffering'] = 'no';
  streaming.add(res);
  res.writeHead(200, headers);
  res.flushHeaders();
  const finish = () => stop?.();
  res.on('close', finish);
  req.on('close', finish);
}
