// A log target as the rest of the code sees it: a regular file with Supervisor's size rotation (shared
// with other writers of the same path, see regular-file.ts), or a non-regular target (tty, pipe, FIFO,
// /dev/stdout) that is never rotated, whatever maxbytes says, and is shared through shared-sink.ts.
// Each handle keeps its own backpressure state, so every producer gets its own drain notification.
import fs from 'node:fs';
import type { BufferedWriter } from './buffered-writer.js';
import { APPEND_FLAGS, RegularLogFile } from './regular-file.js';
import {
  acquireSharedSink,
  acquireStandardSink,
  closeQuietly,
  fileIdentity,
  releaseSharedSink,
  standardStreamFd,
  type SharedSink,
} from './shared-sink.js';

export { flushAllFilesSync, waitForPendingWrites } from './regular-file.js';

export interface RotatingFileOptions {
  path: string;
  /** 0 = never rotate */
  maxbytes: number;
  /** number of backups; 0 = truncate in place when maxbytes is reached */
  backups: number;
  /** write() returns false above this many pending bytes (default 4 MiB) */
  highWaterMark?: number;
  /** pending bytes beyond which writes are dropped (default 256 MiB) */
  hardLimit?: number;
  /** file creation mode (default 0o666 before umask, like Python's open) */
  mode?: number;
  /** I/O problems after the initial open (the initial open throws instead) */
  onError?: (err: NodeJS.ErrnoException) => void;
}

export class RotatingFile {
  readonly path: string;
  /** false for non-regular targets and when maxbytes is 0 */
  readonly rotates: boolean;
  /** true when the target is a regular file */
  readonly isRegularFile: boolean;
  /** `dev:ino` of the file opened first (to recognise "this log IS our stdout") */
  readonly identity: string;

  private readonly writer: BufferedWriter;
  private readonly regular: RegularLogFile | null;
  private readonly shared: SharedSink | null;
  private readonly onError: ((err: NodeJS.ErrnoException) => void) | null;
  private closed = false;
  private releaseDrain: (() => void) | null = null;
  private readonly drainListeners = new Set<() => void>();
  private wantsDrain = false;

  /** Opens the file now; throws (ENOENT, EACCES, ...) like Supervisor does at startup. */
  constructor(options: RotatingFileOptions) {
    this.path = options.path;
    this.onError = options.onError ?? null;
    const std = standardStreamFd(this.path);
    if (std !== null) {
      // our own stdout/stderr: use the descriptor we have instead of reopening it
      this.isRegularFile = false;
      this.rotates = false;
      this.identity = fileIdentity(std) ?? `fd:${std}`;
      this.regular = null;
      this.shared = acquireStandardSink(std);
      this.writer = this.shared.writer;
      this.listenForDrain();
      return;
    }
    const mode = options.mode ?? 0o666;
    const fd = fs.openSync(this.path, APPEND_FLAGS, mode);
    let st: fs.Stats;
    try {
      st = fs.fstatSync(fd);
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
    this.isRegularFile = st.isFile();
    this.identity = `${st.dev}:${st.ino}`;
    if (this.isRegularFile) {
      this.shared = null;
      this.regular = RegularLogFile.acquire(this.path, fd, st.size, {
        maxbytes: options.maxbytes,
        backups: options.backups,
        highWaterMark: options.highWaterMark,
        hardLimit: options.hardLimit,
        mode,
      });
      if (this.onError) this.regular.errorListeners.add(this.onError);
      this.rotates = this.regular.rotates;
      this.writer = this.regular.writer;
    } else {
      this.rotates = false;
      this.regular = null;
      this.shared = acquireSharedSink(fd, options.highWaterMark);
      this.writer = this.shared.writer;
    }
    this.listenForDrain();
  }

  get maxbytes(): number {
    return this.regular?.maxbytes ?? 0;
  }

  get backups(): number {
    return this.regular?.backups ?? 0;
  }

  private listenForDrain(): void {
    this.releaseDrain = this.writer.onDrain(() => {
      if (!this.wantsDrain) return;
      this.wantsDrain = false;
      // one-shot: a producer registers again each time it pauses
      const listeners = [...this.drainListeners];
      this.drainListeners.clear();
      for (const l of listeners) l();
    });
  }

  /**
   * Queue bytes. false = above the high-water mark: pause the producer until onDrain fires.
   * After close() bytes are dropped and true is returned (nobody should wait for a closed log).
   * `transient`: `chunk` is valid only during the call (copied, not kept).
   */
  write(chunk: Buffer, transient = false): boolean {
    if (this.closed) return true;
    const ok = this.regular ? this.regular.write(chunk, transient) : this.writer.write(chunk, transient);
    if (!ok) this.wantsDrain = true;
    return ok;
  }

  /** Call `listener` once, the next time a paused producer may resume. Returns an unsubscribe. */
  onDrain(listener: () => void): () => void {
    if (!this.wantsDrain) {
      // nothing pending any more (or never paused): resume right away, asynchronously
      let cancelled = false;
      queueMicrotask(() => {
        if (!cancelled) listener();
      });
      return () => {
        cancelled = true;
      };
    }
    this.drainListeners.add(listener);
    return () => this.drainListeners.delete(listener);
  }

  /** false while above the high-water mark */
  get writable(): boolean {
    return this.writer.writable;
  }

  get pendingBytes(): number {
    return this.writer.pendingBytes;
  }

  get droppedBytes(): number {
    return this.writer.droppedBytes;
  }

  /** Reopen by name after everything queued is written (SIGUSR2, external logrotate). */
  reopen(): void {
    if (!this.closed) this.regular?.reopen();
  }

  /** Delete the file (after queued bytes are written) and start a new one (clearLog). */
  clear(): void {
    if (!this.closed) this.regular?.clear();
  }

  /** Resolves when every byte queued so far is written. */
  flushed(): Promise<void> {
    return this.writer.idle();
  }

  flushSync(): void {
    this.writer.flushSync();
  }

  /** Flush and close (the last user of a shared file closes it); resolves when every byte is written. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.releaseDrain?.();
    // a paused producer must not wait forever: after close() writes are accepted (and dropped)
    const waiting = [...this.drainListeners];
    this.drainListeners.clear();
    this.wantsDrain = false;
    for (const l of waiting) l();
    if (this.shared) {
      await releaseSharedSink(this.shared);
      return;
    }
    if (this.regular) {
      if (this.onError) this.regular.errorListeners.delete(this.onError);
      await this.regular.release();
    }
  }
}
