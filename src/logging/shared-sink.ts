// Non-regular targets (terminals, pipes, FIFOs, /dev/stdout) get ONE writer per underlying file, shared
// by everybody who logs there, so that chunks from different processes never interleave mid-write
// (a pipe write is only atomic up to PIPE_BUF). fd 1 and fd 2 are used directly, never reopened:
// opening /dev/stdout fails when stdout is a socket, and a tty may not be reopenable after setsid.
import fs from 'node:fs';
import { BufferedWriter } from './buffered-writer.js';

export interface SharedSink {
  readonly writer: BufferedWriter;
  readonly fd: number;
  /** dev:ino key, or "fd:<n>" when fstat failed */
  readonly key: string;
  refs: number;
  ownsFd: boolean;
}

const sinks = new Map<string, SharedSink>();
const errorReported = new Set<string>();

/** identity of an open file, for "is this the same file as stdout?" checks */
export function fileIdentity(fd: number): string | null {
  try {
    const st = fs.fstatSync(fd);
    return `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

function reportOnce(key: string, err: NodeJS.ErrnoException): void {
  // EPIPE on our own stdout is routine when the reader went away; say it once on stderr (queued,
  // never a blocking write: stderr may be stuck too)
  const tag = `${key}:${err.code ?? err.message}`;
  if (errorReported.has(tag)) return;
  errorReported.add(tag);
  consoleSink(2).writer.write(Buffer.from(`supervisord: write to ${key} failed: ${err.message}\n`));
}

function makeSink(key: string, fd: number, ownsFd: boolean, hardLimit: number, highWaterMark = 1024 * 1024): SharedSink {
  const sink: SharedSink = {
    key,
    fd,
    refs: 0,
    ownsFd,
    writer: new BufferedWriter(fd, {
      highWaterMark,
      hardLimit,
      onError: (err) => {
        if (fd === 2) return; // nowhere left to report problems with stderr
        reportOnce(key, err);
      },
    }),
  };
  sinks.set(key, sink);
  return sink;
}

/**
 * The shared writer for supervisord's own stdout (1) or stderr (2). Its pending buffer is bounded
 * (8 MiB): if nobody reads our stdout, further output is dropped and counted instead of growing.
 */
export function consoleSink(fd: 1 | 2): SharedSink {
  const key = fileIdentity(fd) ?? `fd:${fd}`;
  const existing = sinks.get(key);
  if (existing) return existing;
  return makeSink(key, fd, false, 8 * 1024 * 1024);
}

/** 1 or 2 when `path` names our own stdout/stderr (opening those fails with ENXIO on sockets). */
export function standardStreamFd(path: string): 1 | 2 | null {
  const m = /^\/(?:dev|proc\/self)\/(?:fd\/([12])|(stdout|stderr))$/.exec(path);
  if (!m) return null;
  return m[1] === '1' || m[2] === 'stdout' ? 1 : 2;
}

/** Acquire the console writer of fd 1 or 2 as a log target (released like any shared sink). */
export function acquireStandardSink(fd: 1 | 2): SharedSink {
  const sink = consoleSink(fd);
  sink.refs++;
  return sink;
}

/**
 * Acquire the shared writer for an already opened non-regular file. Takes ownership of `fd`: it is
 * closed here when another sink already serves the same file, or on the last release otherwise.
 */
export function acquireSharedSink(fd: number, highWaterMark?: number): SharedSink {
  const key = fileIdentity(fd) ?? `fd:${fd}`;
  let sink = sinks.get(key);
  if (sink) {
    if (sink.fd !== fd) closeQuietly(fd);
  } else {
    const stdKey1 = fileIdentity(1);
    const stdKey2 = fileIdentity(2);
    if (key === stdKey1 || key === stdKey2) {
      closeQuietly(fd);
      sink = makeSink(key, key === stdKey1 ? 1 : 2, false, 8 * 1024 * 1024);
    } else {
      sink = makeSink(key, fd, true, 64 * 1024 * 1024, highWaterMark);
    }
  }
  sink.refs++;
  return sink;
}

/** Drop one reference; the last one flushes and closes a sink that owns its fd. */
export async function releaseSharedSink(sink: SharedSink): Promise<void> {
  sink.refs--;
  await sink.writer.idle();
  if (sink.refs > 0 || !sink.ownsFd) return;
  if (sinks.get(sink.key) === sink) sinks.delete(sink.key);
  closeQuietly(sink.fd);
}

/** Synchronously write out every shared sink (process exit). */
export function flushAllSharedSinksSync(): void {
  for (const sink of sinks.values()) sink.writer.flushSync();
}

export function closeQuietly(fd: number): void {
  if (fd < 3) return;
  try {
    fs.closeSync(fd);
  } catch {
    /* already closed */
  }
}
