// The pending bytes of a BufferedWriter: segments of Buffers separated by barriers. Small writes are
// packed into staging chunks (fewer, larger writes); big ones are queued as they are, without a copy.
export type Barrier = 'rotate' | 'reopen' | 'clear';

interface Segment {
  bufs: Buffer[];
  bytes: number;
  /** what to do once this segment is written; null for the open (last) segment */
  barrier: Barrier | null;
}

export type QueueItem = { kind: 'data'; bufs: Buffer[]; bytes: number } | { kind: 'barrier'; barrier: Barrier };

// Staging chunks start small and double while a burst fills them, so hundreds of quiet channels cost
// little memory while a busy one still gets large writes; an idle queue lets its chunk go.
const MIN_STAGING = 16 * 1024;
const MAX_STAGING = 256 * 1024;
/** buffers at least this big are queued as they are instead of being copied */
export const COPY_THRESHOLD = 16 * 1024;

export class SegmentQueue {
  private readonly segments: Segment[] = [{ bufs: [], bytes: 0, barrier: null }];
  private staging: Buffer | null = null;
  private stagingStart = 0;
  private stagingUsed = 0;
  private stagingSize = MIN_STAGING;

  /** Queue bytes after everything else. The caller must not modify `buf` afterwards. */
  append(buf: Buffer): void {
    const seg = this.openSegment();
    seg.bytes += buf.length;
    if (buf.length >= COPY_THRESHOLD) {
      this.sealStaging();
      seg.bufs.push(buf);
      return;
    }
    if (this.staging === null || this.stagingUsed + buf.length > this.staging.length) {
      this.sealStaging();
      if (this.staging !== null) this.stagingSize = Math.min(this.stagingSize * 2, MAX_STAGING);
      this.staging = Buffer.allocUnsafe(this.stagingSize);
      this.stagingStart = 0;
      this.stagingUsed = 0;
    }
    buf.copy(this.staging, this.stagingUsed);
    this.stagingUsed += buf.length;
  }

  /** Queue a barrier after everything appended so far. */
  addBarrier(kind: Barrier): void {
    this.sealStaging();
    this.openSegment().barrier = kind;
    this.segments.push({ bufs: [], bytes: 0, barrier: null });
  }

  /** The next thing to do, in order: all bytes before the first barrier, then that barrier; null when empty. */
  next(): QueueItem | null {
    const head = this.segments[0];
    if (head.barrier === null) this.sealStaging();
    if (head.bufs.length > 0) {
      const item: QueueItem = { kind: 'data', bufs: head.bufs, bytes: head.bytes };
      head.bufs = [];
      head.bytes = 0;
      return item;
    }
    if (head.barrier === null) return null;
    this.segments.shift();
    return { kind: 'barrier', barrier: head.barrier };
  }

  /** bytes appended after the last barrier */
  get bytesSinceLastBarrier(): number {
    return this.openSegment().bytes;
  }

  get hasBarriers(): boolean {
    return this.segments.length > 1;
  }

  /** Nothing queued: drop the staging chunk so an idle writer holds no memory. */
  releaseStagingIfEmpty(): void {
    if (this.hasBarriers || this.openSegment().bufs.length > 0 || this.stagingUsed > this.stagingStart) return;
    this.staging = null;
    this.stagingSize = MIN_STAGING;
  }

  private openSegment(): Segment {
    return this.segments[this.segments.length - 1];
  }

  /** Move the filled part of the staging chunk into the open segment; the rest stays usable. */
  private sealStaging(): void {
    if (this.staging !== null && this.stagingUsed > this.stagingStart) {
      this.openSegment().bufs.push(this.staging.subarray(this.stagingStart, this.stagingUsed));
      this.stagingStart = this.stagingUsed;
    }
  }
}
