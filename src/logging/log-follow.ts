// The logic behind /logtail and /mainlogtail (Supervisor's tail_f_producer): send the last 1024 bytes,
// then poll every 100 ms for appended bytes. A new inode at the path (rotation) is reopened and read
// from its start; a file that shrank produces `==> File truncated <==\n` and is followed from 0.
import fs from 'node:fs';

export interface FollowOptions {
  /** bytes sent from the end of the file at start (default 1024) */
  head?: number;
  /** poll interval (default 100 ms) */
  intervalMs?: number;
}

export const TRUNCATED_NOTICE = Buffer.from('==> File truncated <==\n');
const MAX_READ = 1024 * 1024;
/** a fast writer is caught up with over several polls rather than in one huge burst */
const MAX_PER_POLL = 8 * MAX_READ;

/**
 * Follow `path`; `onData` gets every new piece in order (returning false = the consumer is full:
 * the rest waits for the next poll). The file is opened synchronously, so a
 * missing file throws here (the HTTP layer answers 404). Returns stop(), which closes the file.
 */
export function followFile(
  path: string,
  onData: (data: Buffer) => boolean | void,
  onError: (err: Error) => void = () => {},
  options: FollowOptions = {},
): () => void {
  const head = options.head ?? 1024;
  const intervalMs = options.intervalMs ?? 100;
  let fd = fs.openSync(path, 'r');
  let ino = fs.fstatSync(fd).ino;
  let stopped = false;
  let busy = false;

  const initialSize = fs.fstatSync(fd).size;
  // like Supervisor: start `head` bytes before the end (or at 0 for a smaller file)
  let sent = initialSize >= head ? initialSize - head : 0;

  const close = (): void => {
    try {
      fs.closeSync(fd);
    } catch {
      /* already closed */
    }
  };

  /** send what was appended to the open file since the last poll (a shrunk file restarts at 0) */
  const readAppended = (): void => {
    const size = fs.fstatSync(fd).size;
    if (size < sent) {
      sent = 0;
      onData(TRUNCATED_NOTICE);
    }
    // bounded reads; at most MAX_PER_POLL per tick
    const limit = sent + MAX_PER_POLL;
    while (!stopped && size > sent && sent < limit) {
      const count = Math.min(size - sent, MAX_READ);
      const buf = Buffer.alloc(count);
      const got = fs.readSync(fd, buf, 0, count, sent);
      if (got === 0) break;
      sent += got;
      if (onData(got === count ? buf : buf.subarray(0, got)) === false) break;
    }
  };

  /**
   * rotation: the path now names another file. The rest of the old file is sent first (Supervisor
   * loses bytes written just before a rotation), then the new one is followed from its start.
   */
  const followRotation = (): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(path);
    } catch {
      return; // unlinked: keep reading the old file until a new one appears
    }
    if (st.ino === ino) return;
    let newFd: number;
    try {
      newFd = fs.openSync(path, 'r');
    } catch {
      return;
    }
    readAppended();
    close();
    fd = newFd;
    ino = fs.fstatSync(fd).ino;
    sent = 0;
  };

  const poll = (): void => {
    if (stopped || busy) return;
    busy = true;
    try {
      followRotation();
      readAppended();
    } catch (err) {
      onError(err as Error);
    } finally {
      busy = false;
    }
  };

  const timer = setInterval(poll, intervalMs);
  timer.unref();
  queueMicrotask(poll);

  return () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    close();
  };
}
