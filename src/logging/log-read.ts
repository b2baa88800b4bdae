// readLog / readProcess*Log and tailProcess*Log with Supervisor's offset rules (options.readFile and
// options.tailFile). They return raw Buffers; the RPC layer decodes them. Before reading, pending bytes
// of our own writers for that path are flushed (bounded wait), so a read sees everything logged so far,
// as with Supervisor's write-and-flush-per-record handlers.
import type { FileHandle } from 'node:fs/promises';
import { waitForPendingWrites } from './rotating-file.js';

export type LogFaultName = 'BAD_ARGUMENTS' | 'NO_FILE' | 'FAILED';

/** A read failure carrying the Supervisor fault name; `message` is the fault's extra text, if any. */
export class LogReadError extends Error {
  constructor(
    readonly fault: LogFaultName,
    message = '',
  ) {
    super(message);
    this.name = 'LogReadError';
  }
}

export class BadArgumentsError extends LogReadError {
  constructor() {
    super('BAD_ARGUMENTS');
  }
}

export class NoFileError extends LogReadError {
  /** `path` is null for a channel logging to NONE (Supervisor's extra text is then `None`) */
  constructor(readonly path: string | null) {
    super('NO_FILE', path ?? 'None');
  }
}

export class FailedError extends LogReadError {
  constructor(message = '') {
    super('FAILED', message);
  }
}

// loaded on the first read: node:fs/promises brings readline and streams along, which an idle daemon never needs
const fsPromises = () => import('node:fs/promises');

async function exists(path: string): Promise<boolean> {
  try {
    await (await fsPromises()).stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Read `path` with readFile's rules, without the existence check. */
async function readWithOffsets(path: string, offset: number, length: number): Promise<Buffer> {
  if (offset < 0 && length !== 0) throw new BadArgumentsError();
  if (length < 0) throw new BadArgumentsError();
  let handle: FileHandle | undefined;
  try {
    handle = await (await fsPromises()).open(path, 'r');
    const size = (await handle.stat()).size;
    let start: number;
    let count: number;
    if (offset < 0) {
      start = Math.max(0, size + offset);
      count = -offset;
    } else {
      start = offset;
      count = length === 0 ? Math.max(0, size - offset) : length;
    }
    count = Math.max(0, Math.min(count, size - start));
    return await readRange(handle, start, count);
  } catch (err) {
    if (err instanceof LogReadError) throw err;
    throw new FailedError();
  } finally {
    await handle?.close().catch(() => {});
  }
}

async function readRange(handle: FileHandle, start: number, count: number): Promise<Buffer> {
  const buf = Buffer.alloc(count);
  let got = 0;
  while (got < count) {
    const { bytesRead } = await handle.read(buf, got, count - got, start + got);
    if (bytesRead === 0) break; // truncated meanwhile
    got += bytesRead;
  }
  return got === count ? buf : buf.subarray(0, got);
}

/**
 * readLog(offset, length): `(-N, 0)` last N bytes, `(o, 0)` from o to EOF, `(o, n)` n bytes from o;
 * negative offset with a length, or a negative length, is BAD_ARGUMENTS; a missing file or null path
 * NO_FILE; other I/O errors FAILED.
 */
export async function readLog(path: string | null, offset: number, length: number): Promise<Buffer> {
  if (path === null || !(await exists(path))) throw new NoFileError(path);
  await waitForPendingWrites(path);
  return readWithOffsets(path, Math.trunc(offset), Math.trunc(length));
}

export interface TailResult {
  data: Buffer;
  /** the file size: where the next tail should start */
  offset: number;
  overflow: boolean;
}

/** The offsets tailFile() settles on for a file of `size` bytes (pure, for tests). */
export function tailWindow(size: number, offset: number, length: number): { start: number; count: number; overflow: boolean } {
  let overflow = false;
  if (size > offset + length) {
    overflow = true;
    offset = size - 1;
  }
  if (offset + length > size) {
    if (offset > size - 1) length = 0;
    offset = size - length;
  }
  if (offset < 0) offset = 0;
  if (length < 0) length = 0;
  return { start: offset, count: length, overflow };
}

/**
 * tailProcess*Log(offset, length): at most `length` bytes ending at EOF, with `overflow` set when the
 * file holds more than offset+length bytes. A missing file (or null path) gives `('', 0, false)`;
 * an I/O error gives `('', offset, false)` like Supervisor.
 */
export async function tailLog(path: string | null, offset: number, length: number): Promise<TailResult> {
  offset = Math.trunc(offset);
  length = Math.trunc(length);
  if (path === null || !(await exists(path))) return { data: Buffer.alloc(0), offset: 0, overflow: false };
  await waitForPendingWrites(path);
  let handle: FileHandle | undefined;
  try {
    handle = await (await fsPromises()).open(path, 'r');
    const size = (await handle.stat()).size;
    const w = tailWindow(size, offset, length);
    const data = w.count === 0 ? Buffer.alloc(0) : await readRange(handle, w.start, w.count);
    return { data, offset: size, overflow: w.overflow };
  } catch {
    return { data: Buffer.alloc(0), offset, overflow: false };
  } finally {
    await handle?.close().catch(() => {});
  }
}
