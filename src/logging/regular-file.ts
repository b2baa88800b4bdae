// One regular log file with Supervisor's size rotation (`f` -> `f.1` -> ... -> `f.N`) on top of
// BufferedWriter. Rotation is decided when bytes are queued (from a byte count kept in memory, never
// by stat'ing the file per write) and executed as a barrier once those bytes are written, so no byte
// is lost, duplicated or reordered. Like Supervisor, a chunk is never split: a file may exceed
// maxbytes by one write.
//
// Everybody logging to the same path shares one instance (reference counted), so e.g. stdout and
// stderr of a program pointed at one file rotate it correctly: Supervisor documents that case as
// corrupting the file.
import fs from 'node:fs';
import path from 'node:path';
import { BufferedWriter, type Barrier } from './buffered-writer.js';
import { closeQuietly } from './shared-sink.js';

export interface RegularFileSettings {
  maxbytes: number;
  backups: number;
  highWaterMark?: number;
  hardLimit?: number;
  mode: number;
}

const { O_WRONLY, O_CREAT, O_APPEND, O_TRUNC } = fs.constants;
export const APPEND_FLAGS = O_WRONLY | O_CREAT | O_APPEND;
// O_APPEND even after truncation, so an external `copytruncate` does not leave a sparse hole
const TRUNCATE_FLAGS = O_WRONLY | O_CREAT | O_TRUNC | O_APPEND;
const REOPEN_RETRY_MS = 1000;

/** Open regular log files by absolute path: shared by writers, and waited on by readers. */
const regularFiles = new Map<string, RegularLogFile>();

export class RegularLogFile {
  readonly writer: BufferedWriter;
  readonly maxbytes: number;
  readonly backups: number;
  readonly rotates: boolean;
  refs = 0;
  readonly errorListeners = new Set<(err: NodeJS.ErrnoException) => void>();

  private readonly mode: number;
  /** projected size of the current file once every queued byte is written */
  private size: number;
  private lastOpenAttempt = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    fd: number,
    initialSize: number,
    settings: RegularFileSettings,
  ) {
    this.maxbytes = settings.maxbytes;
    this.backups = settings.backups;
    this.rotates = settings.maxbytes > 0;
    this.mode = settings.mode;
    this.size = initialSize;
    this.writer = new BufferedWriter(fd, {
      highWaterMark: settings.highWaterMark,
      hardLimit: settings.hardLimit,
      runBarrier: (b) => this.runBarrier(b),
      onError: (err) => this.reportError(err),
    });
  }

  /** The shared instance for `file` (already open with `fd`, which is closed if one exists). */
  static acquire(file: string, fd: number, initialSize: number, settings: RegularFileSettings): RegularLogFile {
    const key = path.resolve(file);
    let core = regularFiles.get(key);
    if (core && !core.closed) {
      closeQuietly(fd);
    } else {
      core = new RegularLogFile(key, fd, initialSize, settings);
      regularFiles.set(key, core);
    }
    core.refs++;
    return core;
  }

  /** The shared instance for `file` if one is open. */
  static lookup(file: string): RegularLogFile | undefined {
    return regularFiles.get(path.resolve(file));
  }

  static all(): IterableIterator<RegularLogFile> {
    return regularFiles.values();
  }

  write(chunk: Buffer): boolean {
    if (this.writer.fd === null) this.retryOpenIfNeeded();
    const ok = this.writer.write(chunk);
    if (this.rotates) {
      this.size += chunk.length;
      if (this.size >= this.maxbytes) {
        this.writer.barrier('rotate');
        this.size = 0;
      }
    }
    return ok;
  }

  /** Reopen by name after everything queued is written (SIGUSR2, external logrotate). */
  reopen(): void {
    const estimate = this.sizeAfterReopen();
    this.writer.barrier('reopen');
    this.size = estimate;
  }

  /** Delete the file (after queued bytes are written) and start a new one (clearLog). */
  clear(): void {
    this.writer.barrier('clear');
    this.size = 0;
  }

  /**
   * Drop one reference; the last one flushes and closes the file. Until the flush is done the file
   * can be acquired again (a process restarting at once keeps one writer, so nothing is reordered).
   */
  async release(): Promise<void> {
    this.refs--;
    if (this.refs > 0) return;
    await this.writer.idle();
    if (this.refs > 0 || this.closed) return;
    this.closed = true;
    if (this.writer.fd !== null) closeQuietly(this.writer.fd);
    this.writer.fd = null;
    if (regularFiles.get(this.path) === this) regularFiles.delete(this.path);
  }

  private reportError(err: NodeJS.ErrnoException): void {
    for (const l of this.errorListeners) l(err);
  }

  /** Best guess, made now, of the size the reopened file will have; corrected when the reopen runs. */
  private sizeAfterReopen(): number {
    // with a rotation still queued the file to come does not exist yet: assume the count goes on
    if (this.writer.hasBarriersPending) return this.size;
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

  private runBarrier(kind: Barrier): void {
    if (this.writer.fd !== null) closeQuietly(this.writer.fd);
    this.writer.fd = null;
    if (kind === 'rotate') {
      try {
        if (this.backups > 0) this.shiftBackups();
      } catch (err) {
        this.reportError(err as NodeJS.ErrnoException); // e.g. EACCES on a backup: keep logging anyway
      }
      this.openAt(TRUNCATE_FLAGS);
      return;
    }
    if (kind === 'clear') {
      try {
        removeIfExists(this.path);
      } catch (err) {
        this.reportError(err as NodeJS.ErrnoException);
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
      this.reportError(err as NodeJS.ErrnoException);
    }
  }

  /** After a failed (re)open, try again at most once a second (the directory may come back). */
  private retryOpenIfNeeded(): void {
    if (this.closed || this.writer.fd !== null) return;
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

/** Wait (bounded) until our writers of `file` have written what they hold, so reads see fresh bytes. */
export async function waitForPendingWrites(file: string, timeoutMs = 1000): Promise<void> {
  await RegularLogFile.lookup(file)?.writer.idleWithin(timeoutMs);
}

/** Synchronously write out every open log file (process exit paths that cannot await). */
export function flushAllFilesSync(): void {
  for (const core of RegularLogFile.all()) core.writer.flushSync();
}

// Whatever way the process ends, queued log lines reach their files (regular files never block;
// pipes and terminals are left alone here since a stuck reader would hang the exit).
process.on('exit', flushAllFilesSync);
