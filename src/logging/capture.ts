// Capture mode: output between <!--XSUPERVISOR:BEGIN--> and <!--XSUPERVISOR:END--> is collected in
// a bounded buffer (oldest bytes dropped) instead of being logged, and handed over at END.
// Tokens may be split across reads: a tail that could be the start of the awaited token is held
// back until more data (or end()) arrives. Unlike Supervisor 4.2.5 we do not also hold back
// every chunk shorter than the token, so short output is never stuck (documented deviation).

export const BEGIN_TOKEN = Buffer.from('<!--XSUPERVISOR:BEGIN-->');
export const END_TOKEN = Buffer.from('<!--XSUPERVISOR:END-->');

export interface CaptureSink {
  /** bytes outside capture sections (or inside, with `captured` true) to be logged/evented */
  data(chunk: Buffer, captured: boolean): void;
  /** the END token arrived: the body of the section */
  comm(body: Buffer): void;
}

/** Keeps the newest `maxbytes` bytes. */
class BoundedBuffer {
  private parts: Buffer[] = [];
  private size = 0;
  constructor(private readonly maxbytes: number) {}

  push(chunk: Buffer): void {
    if (chunk.length >= this.maxbytes) {
      this.parts = [Buffer.from(chunk.subarray(chunk.length - this.maxbytes))];
      this.size = this.maxbytes;
      return;
    }
    this.parts.push(chunk);
    this.size += chunk.length;
    while (this.size > this.maxbytes) {
      const excess = this.size - this.maxbytes;
      const first = this.parts[0];
      if (first.length <= excess) {
        this.parts.shift();
        this.size -= first.length;
      } else {
        this.parts[0] = first.subarray(excess);
        this.size -= excess;
      }
    }
  }

  take(): Buffer {
    const out = Buffer.concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return out;
  }
}

/** Length of the longest proper prefix of `token` that `data` ends with (asynchat's find_prefix_at_end). */
export function prefixAtEnd(data: Buffer, token: Buffer): number {
  for (let l = Math.min(token.length - 1, data.length); l > 0; l--) {
    if (data.compare(token, 0, l, data.length - l) === 0) return l;
  }
  return 0;
}

export class CaptureScanner {
  private capturing = false;
  private held: Buffer = Buffer.alloc(0);
  private readonly captured: BoundedBuffer;

  /** `filter` (strip_ansi) applies to logged and captured bytes alike, as in Supervisor's _log() */
  constructor(
    maxbytes: number,
    private readonly sink: CaptureSink,
    private readonly filter: (data: Buffer) => Buffer = (d) => d,
  ) {
    this.captured = new BoundedBuffer(maxbytes);
  }

  get inCapture(): boolean {
    return this.capturing;
  }

  write(chunk: Buffer): void {
    let data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    this.held = Buffer.alloc(0);
    for (;;) {
      const token = this.capturing ? END_TOKEN : BEGIN_TOKEN;
      const at = data.indexOf(token);
      if (at === -1) {
        const keep = prefixAtEnd(data, token);
        if (keep > 0) {
          this.held = Buffer.from(data.subarray(data.length - keep));
          data = data.subarray(0, data.length - keep);
        }
        this.emit(data);
        return;
      }
      this.emit(data.subarray(0, at));
      this.toggle();
      data = data.subarray(at + token.length);
      if (data.length === 0) return;
    }
  }

  /**
   * EOF: whatever is held back is output after all. An unfinished capture section is dropped and the
   * next process run starts outside capture mode.
   */
  end(): void {
    const held = this.held;
    this.held = Buffer.alloc(0);
    this.emit(held);
    if (this.capturing) {
      this.capturing = false;
      this.captured.take();
    }
  }

  private emit(raw: Buffer): void {
    if (raw.length === 0) return;
    const data = this.filter(raw);
    if (data.length === 0) return;
    if (this.capturing) this.captured.push(Buffer.from(data));
    this.sink.data(data, this.capturing);
  }

  private toggle(): void {
    this.capturing = !this.capturing;
    if (!this.capturing) this.sink.comm(this.captured.take());
  }
}
