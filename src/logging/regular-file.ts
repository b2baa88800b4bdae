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

/** One filesystem operation of a barrier (rename(2) replaces a target atomically: no unlink first). */
type FileStep =
  | { op: 'rename'; src: string; dst: string }
  | { op: 'unlink'; path: string }
  | { op: 'open'; flags: number };

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
      runBarrier: (b) => this.runBarrierAsync(b),
      runBarrierSync: (b) => this.runBarrierSync(b),
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

  /** `transient`: `chunk` is valid only during the call (copied, not kept). */
  write(chunk: Buffer, transient = false): boolean {
    if (this.writer.fd === null) this.retryOpenIfNeeded();
    const droppedBefore = this.writer.droppedBytes;
    const ok = this.writer.write(chunk, transient);
    // a chunk dropped at the hard limit never reaches the file: it must not count towards maxbytes
    if (this.rotates && this.writer.droppedBytes === droppedBefore) {
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

  /**
   * The filesystem steps of a barrier, run by runBarrierAsync (normally, off the event loop) or
   * runBarrierSync (flushSync at exit). The old fd stays open until the new file is ready, so bytes
   * forced out meanwhile land in the previous file instead of nowhere.
   */
  private *barrierSteps(kind: Barrier): Generator<FileStep, void, number | null> {
    if (kind === 'rotate' && this.backups > 0) {
      // f.(N-1) -> f.N, ..., f.1 -> f.2, f -> f.1; a file that vanished meanwhile is skipped
      for (let i = this.backups - 1; i > 0; i--) yield { op: 'rename', src: `${this.path}.${i}`, dst: `${this.path}.${i + 1}` };
      yield { op: 'rename', src: this.path, dst: `${this.path}.1` };
    }
    if (kind === 'clear') yield { op: 'unlink', path: this.path };
    const fd = yield { op: 'open', flags: kind === 'rotate' ? TRUNCATE_FLAGS : APPEND_FLAGS };
    const old = this.writer.fd;
    this.writer.fd = fd;
    if (old !== null && old !== fd) closeQuietly(old);
    if (kind === 'reopen') this.correctSize();
  }

  private async runBarrierAsync(kind: Barrier): Promise<void> {
    const steps = this.barrierSteps(kind);
    let result: number | null = null;
    for (let next = steps.next(result); !next.done; next = steps.next(result)) {
      result = await this.stepAsync(next.value);
    }
  }

  private runBarrierSync(kind: Barrier): void {
    const steps = this.barrierSteps(kind);
    let result: number | null = null;
    for (let next = steps.next(result); !next.done; next = steps.next(result)) result = this.stepSync(next.value);
  }

  /** One step on the thread pool; failures are reported, never thrown (logging must go on). */
  private stepAsync(step: FileStep): Promise<number | null> {
    return new Promise((resolve) => {
      const done = (err: NodeJS.ErrnoException | null, fd: number | null = null): void => {
        if (err) this.stepFailed(step, err);
        resolve(err ? null : fd);
      };
      if (step.op === 'rename') fs.rename(step.src, step.dst, (err) => done(err));
      else if (step.op === 'unlink') fs.unlink(step.path, (err) => done(err));
      else {
        this.lastOpenAttempt = Date.now();
        fs.open(this.path, step.flags, this.mode, (err, fd) => done(err, fd));
      }
    });
  }

  private stepSync(step: FileStep): number | null {
    try {
      if (step.op === 'rename') fs.renameSync(step.src, step.dst);
      else if (step.op === 'unlink') fs.unlinkSync(step.path);
      else {
        this.lastOpenAttempt = Date.now();
        return fs.openSync(this.path, step.flags, this.mode);
      }
    } catch (err) {
      this.stepFailed(step, err as NodeJS.ErrnoException);
    }
    return null;
  }

  private stepFailed(step: FileStep, err: NodeJS.ErrnoException): void {
    // a missing source/target was deleted under us (e.g. a cleanup script): nothing to keep
    if (step.op !== 'open' && err.code === 'ENOENT') return;
    this.reportError(err); // e.g. EACCES on a backup: keep logging anyway
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

  /** After a failed (re)open, try again at most once a second (the directory may come back). */
  private retryOpenIfNeeded(): void {
    if (this.closed || this.writer.fd !== null) return;
    if (Date.now() - this.lastOpenAttempt < REOPEN_RETRY_MS) return;
    this.writer.fd = this.stepSync({ op: 'open', flags: APPEND_FLAGS });
    if (this.writer.fd === null) return;
    try {
      this.size = fs.fstatSync(this.writer.fd).size;
    } catch {
      /* keep counting */
    }
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
