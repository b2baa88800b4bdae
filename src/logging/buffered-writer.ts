// An append-only writer on one file descriptor in the spirit of sonic-boom: callers hand over Buffers,
// small ones are packed into large staging chunks, and a single fs.writev is in flight at a time, so
// the event loop never blocks on the disk and bytes reach the fd in exactly the order they were given.
//
// The queue is a list of segments separated by barriers ("rotate", "reopen", "clear"). A barrier runs
// (through the owner's callback) only once every byte before it is written, which is what makes size
// rotation lossless and ordered at any throughput.
import fs from 'node:fs';
import { CopyBlocks } from './copy-blocks.js';
import { COPY_THRESHOLD, SegmentQueue, type Barrier } from './segment-queue.js';

export type { Barrier } from './segment-queue.js';

export interface BufferedWriterOptions {
  /** write() returns false once this many bytes are pending (default 4 MiB) */
  highWaterMark?: number;
  /** beyond this many pending bytes new writes are dropped and counted (default 256 MiB) */
  hardLimit?: number;
  /**
   * runs a barrier once everything queued before it is on the fd; may replace `writer.fd`. A returned
   * promise keeps later bytes waiting until it settles (the event loop stays free meanwhile).
   */
  runBarrier?: (barrier: Barrier) => Promise<void> | void;
  /** the same, synchronously, for flushSync() (defaults to runBarrier, not awaited) */
  runBarrierSync?: (barrier: Barrier) => void;
  /** write errors (EAGAIN is retried, never reported) */
  onError?: (err: NodeJS.ErrnoException) => void;
  /** called when bytes are dropped because the hard limit was reached */
  onDrop?: (bytes: number) => void;
}

const EAGAIN_RETRY_MS = 5;

export class BufferedWriter {
  /** the target; null while it cannot be opened (writes are then dropped) */
  fd: number | null;
  pendingBytes = 0;
  droppedBytes = 0;
  writtenBytes = 0;
  /** how often a non-blocking target said "try again" (diagnostics) */
  retries = 0;

  private readonly highWaterMark: number;
  private readonly lowWaterMark: number;
  private readonly hardLimit: number;
  private readonly runBarrier: (barrier: Barrier) => Promise<void> | void;
  private readonly runBarrierSync: (barrier: Barrier) => void;
  private readonly onError: (err: NodeJS.ErrnoException) => void;
  private readonly onDrop: (bytes: number) => void;

  private readonly queue = new SegmentQueue();
  private readonly blocks = new CopyBlocks();

  /** a write or an asynchronous barrier is running */
  private inFlight = false;
  private barrierRunning = false;
  private scheduled = false;
  private needDrain = false;
  private closed = false;
  private readonly drainListeners = new Set<() => void>();
  private idleWaiters: Array<() => void> = [];

  constructor(fd: number | null, options: BufferedWriterOptions = {}) {
    this.fd = fd;
    this.highWaterMark = options.highWaterMark ?? 4 * 1024 * 1024;
    this.lowWaterMark = Math.floor(this.highWaterMark / 4);
    this.hardLimit = Math.max(options.hardLimit ?? 256 * 1024 * 1024, this.highWaterMark);
    this.runBarrier = options.runBarrier ?? (() => {});
    const runBarrier = this.runBarrier;
    this.runBarrierSync = options.runBarrierSync ?? ((b) => void runBarrier(b));
    this.onError = options.onError ?? (() => {});
    this.onDrop = options.onDrop ?? (() => {});
  }

  /**
   * Queue bytes. Returns false when the caller should pause until a drain listener fires.
   * `transient`: `buf` is only valid during this call (it is copied); otherwise it is kept, unmodified.
   */
  write(buf: Buffer, transient = false): boolean {
    if (this.closed) return false;
    const len = buf.length;
    if (len === 0) return !this.needDrain;
    if (this.pendingBytes + len > this.hardLimit) {
      this.droppedBytes += len;
      this.onDrop(len);
      // ask for a pause only if a drain will really come (a lone giant chunk is just dropped)
      if (this.pendingBytes > this.lowWaterMark) this.needDrain = true;
      return !this.needDrain;
    }
    // small buffers are copied into the queue's staging chunks anyway
    this.queue.append(transient && len >= COPY_THRESHOLD ? this.blocks.copy(buf) : buf);
    this.pendingBytes += len;
    this.schedule();
    if (this.pendingBytes >= this.highWaterMark) this.needDrain = true;
    return !this.needDrain;
  }

  /** Queue a barrier after everything written so far. */
  barrier(kind: Barrier): void {
    if (this.closed) return;
    this.queue.addBarrier(kind);
    this.schedule();
  }

  /** bytes queued in the open segment (those after the last barrier) */
  get bytesSinceLastBarrier(): number {
    return this.queue.bytesSinceLastBarrier;
  }

  /** true while a barrier is queued and not yet run */
  get hasBarriersPending(): boolean {
    return this.queue.hasBarriers;
  }

  get writable(): boolean {
    return !this.needDrain;
  }

  onDrain(listener: () => void): () => void {
    this.drainListeners.add(listener);
    return () => this.drainListeners.delete(listener);
  }

  /** Resolves once every byte queued so far has been handed to the kernel. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Like idle(), but gives up after `ms` (a consumer of our stdout may never read again). */
  idleWithin(ms: number): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      void this.idle().then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Write everything still queued synchronously (for process exit). A write already in flight in the
   * thread pool cannot be waited for; it is normally complete long before exit code runs.
   */
  flushSync(): void {
    // while an asynchronous barrier is half done, later barriers cannot run: the bytes go to the
    // current fd (an older file at worst) rather than being lost
    const skipBarriers = this.barrierRunning;
    for (let item = this.queue.next(); item !== null; item = this.queue.next()) {
      if (item.kind === 'data') {
        for (const buf of item.bufs) {
          this.writeAllSync(buf);
          this.blocks.giveBack(buf);
        }
        this.pendingBytes -= item.bytes;
      } else if (!skipBarriers) {
        try {
          this.runBarrierSync(item.barrier);
        } catch (err) {
          this.onError(err as NodeJS.ErrnoException);
        }
      }
    }
    this.settle();
  }

  /** Stop accepting writes; resolves when everything queued is written. The fd is not closed here. */
  async end(): Promise<void> {
    this.closed = true;
    this.schedule();
    await this.idle();
  }

  private schedule(): void {
    if (this.inFlight || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    if (this.inFlight) return;
    for (let item = this.queue.next(); item !== null; item = this.queue.next()) {
      if (item.kind === 'data') {
        this.startWrite(item.bufs, item.bytes);
        return;
      }
      if (this.startBarrier(item.barrier)) return;
    }
    this.settle();
  }

  /** Runs a barrier; true when it continues asynchronously (pump() resumes when it is done). */
  private startBarrier(kind: Barrier): boolean {
    let pending: Promise<void> | void;
    try {
      pending = this.runBarrier(kind);
    } catch (err) {
      this.onError(err as NodeJS.ErrnoException);
      return false;
    }
    if (!pending) return false;
    this.inFlight = true;
    this.barrierRunning = true;
    const resume = (): void => {
      this.inFlight = false;
      this.barrierRunning = false;
      this.pump();
    };
    pending.then(resume, (err: NodeJS.ErrnoException) => {
      this.onError(err);
      resume();
    });
    return true;
  }

  private startWrite(batch: Buffer[], bytes: number): void {
    const fd = this.fd;
    if (fd === null) {
      this.giveBackWritten(batch, bytes);
      this.finishBytes(bytes, true);
      this.pump();
      return;
    }
    this.inFlight = true;
    fs.writev(fd, batch, (err, written) => {
      this.inFlight = false;
      if (err) {
        if (err.code === 'EAGAIN' || err.code === 'EWOULDBLOCK') {
          this.retries++;
          this.inFlight = true;
          setTimeout(() => {
            this.inFlight = false;
            this.startWrite(batch, bytes);
          }, EAGAIN_RETRY_MS).unref();
          return;
        }
        this.onError(err);
        this.giveBackWritten(batch, bytes);
        this.finishBytes(bytes, true);
        this.pump();
        return;
      }
      this.giveBackWritten(batch, written);
      this.finishBytes(written, false);
      if (written < bytes) {
        this.retries++;
        this.startWrite(dropPrefix(batch, written), bytes - written);
        return;
      }
      this.pump();
    });
  }

  /** The buffers of `batch` whose every byte is among the first `bytes` are done with. */
  private giveBackWritten(batch: Buffer[], bytes: number): void {
    let left = bytes;
    for (const buf of batch) {
      if (buf.length > left) return;
      left -= buf.length;
      this.blocks.giveBack(buf);
    }
  }

  private finishBytes(bytes: number, dropped: boolean): void {
    this.pendingBytes -= bytes;
    if (dropped) {
      this.droppedBytes += bytes;
      this.onDrop(bytes);
    } else {
      this.writtenBytes += bytes;
    }
    if (this.needDrain && this.pendingBytes <= this.lowWaterMark) {
      this.needDrain = false;
      for (const listener of [...this.drainListeners]) listener();
    }
  }

  private isIdle(): boolean {
    return !this.inFlight && this.pendingBytes === 0 && !this.queue.hasBarriers;
  }

  private settle(): void {
    if (this.needDrain && this.pendingBytes <= this.lowWaterMark) {
      this.needDrain = false;
      for (const listener of [...this.drainListeners]) listener();
    }
    if (this.isIdle()) {
      this.queue.releaseStagingIfEmpty();
      this.blocks.dropSoon();
    }
    if (this.isIdle() && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private writeAllSync(buf: Buffer): void {
    if (this.fd === null) {
      this.droppedBytes += buf.length;
      return;
    }
    let off = 0;
    let spins = 0;
    while (off < buf.length) {
      try {
        off += fs.writeSync(this.fd, buf, off, buf.length - off);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        // a non-blocking stdout pipe: retry briefly, then give up rather than hang at exit
        if ((e.code === 'EAGAIN' || e.code === 'EWOULDBLOCK') && spins++ < 1000) continue;
        this.onError(e);
        this.droppedBytes += buf.length - off;
        return;
      }
    }
    this.writtenBytes += buf.length;
  }
}

/** The buffers left after `n` bytes of them were written. */
function dropPrefix(bufs: Buffer[], n: number): Buffer[] {
  const out: Buffer[] = [];
  let skip = n;
  for (const b of bufs) {
    if (skip >= b.length) {
      skip -= b.length;
      continue;
    }
    out.push(skip > 0 ? b.subarray(skip) : b);
    skip = 0;
  }
  return out;
}
