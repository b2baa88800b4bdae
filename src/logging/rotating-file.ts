// A log file with Supervisor's size rotation (`f` -> `f.1` -> ... -> `f.N`) on top of BufferedWriter.
// Rotation is decided when bytes are queued (from a byte count kept in memory, never by stat'ing the
// file per write) and executed as a barrier once those bytes are written, so no byte is lost,
// duplicated or reordered. Like Supervisor, a chunk is never split: a file may exceed maxbytes by one
// write. Targets that are not regular files (ttys, pipes, /dev/stdout) are never rotated and are
// shared between writers (see shared-sink.ts).
import fs from 'node:fs';
import { BufferedWriter, type Barrier } from './buffered-writer.js';
import {
  acquireSharedSink,
  acquireStandardSink,
  closeQuietly,
  fileIdentity,
  releaseSharedSink,
  standardStreamFd,
  type SharedSink,
} from './shared-sink.js';

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

const { O_WRONLY, O_CREAT, O_APPEND, O_TRUNC } = fs.constants;
const APPEND_FLAGS = O_WRONLY | O_CREAT | O_APPEND;
// O_APPEND even after truncation, so an external `copytruncate` does not leave a sparse hole
const TRUNCATE_FLAGS = O_WRONLY | O_CREAT | O_TRUNC | O_APPEND;
const REOPEN_RETRY_MS = 1000;

/** All open regular-file writers by path, so readers can wait for pending bytes (log-read.ts). */
const openFiles = new Map<string, Set<RotatingFile>>();

export class RotatingFile {
  readonly path: string;
  readonly maxbytes: number;
  readonly backups: number;
  /** false for non-regular targets and when maxbytes is 0 */
  readonly rotates: boolean;
  /** true when the target is a regular file */
  readonly isRegularFile: boolean;
  /** `dev:ino` of the file opened first (to recognise "this log IS our stdout") */
  readonly identity: string;

  private readonly writer: BufferedWriter;
  private readonly shared: SharedSink | null;
  private readonly mode: number;
  private readonly onError: (err: NodeJS.ErrnoException) => void;
  /** projected size of the current file once every queued byte is written */
  private size = 0;
  private closed = false;
  private lastOpenAttempt = 0;
  private releaseDrain: (() => void) | null;
  private readonly drainListeners = new Set<() => void>();
  private wantsDrain = false;

  /** Opens the file now; throws (ENOENT, EACCES, ...) like Supervisor does at startup. */
  constructor(options: RotatingFileOptions) {
    this.path = options.path;
    this.maxbytes = options.maxbytes;
    this.backups = options.backups;
    this.mode = options.mode ?? 0o666;
    this.onError = options.onError ?? (() => {});
    this.releaseDrain = null;
    const std = standardStreamFd(this.path);
    if (std !== null) {
      // our own stdout/stderr: use the descriptor we have instead of reopening it
      this.isRegularFile = false;
      this.rotates = false;
      this.identity = fileIdentity(std) ?? `fd:${std}`;
      this.shared = acquireStandardSink(std);
      this.writer = this.shared.writer;
      this.listenForDrain();
      return;
    }
    const fd = fs.openSync(this.path, APPEND_FLAGS, this.mode);
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
      this.rotates = this.maxbytes > 0;
      this.size = st.size;
      this.writer = new BufferedWriter(fd, {
        highWaterMark: options.highWaterMark,
        hardLimit: options.hardLimit,
        runBarrier: (b) => this.runBarrier(b),
        onError: (err) => this.onError(err),
      });
      let set = openFiles.get(this.path);
      if (!set) openFiles.set(this.path, (set = new Set()));
      set.add(this);
    } else {
      this.rotates = false;
      this.shared = acquireSharedSink(fd, options.highWaterMark);
      this.writer = this.shared.writer;
    }
    this.listenForDrain();
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

  /** Queue bytes. false = above the high-water mark: pause the producer until onDrain fires. */
  write(chunk: Buffer): boolean {
    if (this.closed) return false;
    if (this.writer.fd === null) this.retryOpenIfNeeded();
    const ok = this.writer.write(chunk);
    if (this.rotates) {
      this.size += chunk.length;
      if (this.size >= this.maxbytes) {
        this.writer.barrier('rotate');
        this.size = 0;
      }
    }
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
    if (this.closed || this.shared) return;
    const estimate = this.sizeAfterReopen();
    this.writer.barrier('reopen');
    this.size = estimate;
  }

  /** Best guess, made now, of the size the reopened file will have; corrected when the reopen runs. */
  private sizeAfterReopen(): number {
    if (this.writer.hasBarriersPending) return 0;
    try {
      const st = fs.statSync(this.path);
      const current = this.writer.fd === null ? null : fs.fstatSync(this.writer.fd);
      // same file (plain SIGUSR2): queued bytes still land in it, the count goes on
      if (current && current.ino === st.ino && current.dev === st.dev) return this.size;
      return st.size;
    } catch {
      return 0;
    }
  }

  /** Delete the file (after queued bytes are written) and start a new one (clearLog). */
  clear(): void {
    if (this.closed || this.shared) return;
    this.writer.barrier('clear');
    this.size = 0;
  }

  /** Resolves when every byte queued so far is written. */
  flushed(): Promise<void> {
    return this.writer.idle();
  }

  flushSync(): void {
    this.writer.flushSync();
  }

  /** Flush and close; resolves when every byte has been written. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.releaseDrain?.();
    if (this.shared) {
      await releaseSharedSink(this.shared);
      return;
    }
    await this.writer.end();
    if (this.writer.fd !== null) closeQuietly(this.writer.fd);
    this.writer.fd = null;
    const set = openFiles.get(this.path);
    set?.delete(this);
    if (set && set.size === 0) openFiles.delete(this.path);
  }

  private runBarrier(kind: Barrier): void {
    if (this.writer.fd !== null) closeQuietly(this.writer.fd);
    this.writer.fd = null;
    if (kind === 'rotate') {
      try {
        if (this.backups > 0) this.shiftBackups();
      } catch (err) {
        this.onError(err as NodeJS.ErrnoException); // e.g. EACCES on a backup: keep logging anyway
      }
      this.openAt(TRUNCATE_FLAGS);
      return;
    }
    if (kind === 'clear') {
      try {
        removeIfExists(this.path);
      } catch (err) {
        this.onError(err as NodeJS.ErrnoException);
      }
    }
    this.openAt(APPEND_FLAGS);
    if (kind === 'reopen') this.correctSize();
  }

  /** f.(N-1) -> f.N, ..., f.1 -> f.2, f -> f.1; a file that vanished meanwhile is skipped. */
  private shiftBackups(): void {
    for (let i = this.backups - 1; i > 0; i--) renameIfExists(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    renameIfExists(this.path, `${this.path}.1`);
  }

  /**
   * After a reopen, recount from the real file when nothing else is queued behind it, and rotate now if
   * the reopened file is already full.
   */
  private correctSize(): void {
    if (!this.rotates || this.writer.fd === null || this.writer.hasBarriersPending) return;
    try {
      this.size = fs.fstatSync(this.writer.fd).size + this.writer.bytesSinceLastBarrier;
    } catch {
      return;
    }
    if (this.size >= this.maxbytes && this.writer.bytesSinceLastBarrier > 0) {
      this.writer.barrier('rotate');
      this.size = 0;
    }
  }

  private openAt(flags: number): void {
    this.lastOpenAttempt = Date.now();
    try {
      this.writer.fd = fs.openSync(this.path, flags, this.mode);
    } catch (err) {
      this.writer.fd = null;
      this.onError(err as NodeJS.ErrnoException);
    }
  }

  /** After a failed (re)open, try again at most once a second (the directory may come back). */
  private retryOpenIfNeeded(): void {
    if (this.closed || this.shared || this.writer.fd !== null) return;
    if (Date.now() - this.lastOpenAttempt < REOPEN_RETRY_MS) return;
    this.openAt(APPEND_FLAGS);
    if (this.writer.fd === null) return;
    try {
      this.size = fs.fstatSync(this.writer.fd).size;
    } catch {
      /* keep counting */
    }
  }
}

/** rename(2) replaces the target atomically, so no separate unlink (one syscall per backup). */
function renameIfExists(src: string, dst: string): void {
  try {
    fs.renameSync(src, dst);
  } catch (err) {
    // the source was deleted under us (e.g. a cleanup script): nothing to keep
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

function removeIfExists(path: string): void {
  try {
    fs.unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Wait (bounded) until writers of `path` have written what they hold, so reads see fresh bytes. */
export async function waitForPendingWrites(path: string, timeoutMs = 1000): Promise<void> {
  const set = openFiles.get(path);
  if (!set || set.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, timeoutMs);
    timer.unref();
  });
  await Promise.race([Promise.all([...set].map((f) => f.flushed())), timeout]);
  clearTimeout(timer);
}

/** Synchronously write out every open log file (process exit paths that cannot await). */
export function flushAllFilesSync(): void {
  for (const set of openFiles.values()) for (const f of set) f.flushSync();
}
