// The console copy of child output (extension): raw bytes, `name | line` prefixes, or JSON lines.
// Line formats must never split a line that arrived in several reads, so each channel keeps its
// partial line; a partial line is emitted on its own after a short delay, at end(), or when it grows
// past the line cap.
import type { ConsoleFormat } from '../config/model.js';

export interface ConsoleLineOptions {
  format: ConsoleFormat;
  timestamps: boolean;
  processName: string;
  groupName: string;
  channel: 'stdout' | 'stderr';
  getPid(): number;
  /** where finished output goes (the shared console writer) */
  out(data: Buffer): void;
  /** partial lines wait this long for their end (default 200 ms) */
  flushDelayMs?: number;
  /** a line longer than this is emitted in pieces (default 16 KiB) */
  maxLineBytes?: number;
  now?: () => Date;
}

const NEWLINE = 0x0a;
const lossyUtf8 = new TextDecoder('utf-8');

export class ConsoleLines {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly flushDelayMs: number;
  private readonly maxLineBytes: number;
  private readonly now: () => Date;
  private readonly prefix: string;

  constructor(private readonly options: ConsoleLineOptions) {
    this.flushDelayMs = options.flushDelayMs ?? 200;
    this.maxLineBytes = options.maxLineBytes ?? 16 * 1024;
    this.now = options.now ?? (() => new Date());
    this.prefix = `${options.processName} | `;
  }

  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.options.format === 'raw') {
      this.options.out(chunk);
      return;
    }
    const out: Buffer[] = [];
    const date = this.now();
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, pos);
      const room = this.maxLineBytes - this.partialBytes;
      if (nl === -1 || nl - pos > room) {
        const take = Math.min(chunk.length - pos, room);
        this.partial.push(chunk.subarray(pos, pos + take));
        this.partialBytes += take;
        pos += take;
        if (this.partialBytes >= this.maxLineBytes) out.push(this.formatLine(this.takePartial(), date));
        continue;
      }
      const piece = chunk.subarray(pos, nl);
      const line = this.partialBytes > 0 ? Buffer.concat([...this.takePartialParts(), piece]) : piece;
      out.push(this.formatLine(line, date));
      pos = nl + 1;
    }
    if (out.length > 0) this.options.out(out.length === 1 ? out[0] : Buffer.concat(out));
    this.armTimer();
  }

  /** EOF or shutdown: emit the partial line now. */
  end(): void {
    this.flushPartial();
  }

  private flushPartial(): void {
    this.clearTimer();
    if (this.partialBytes === 0) return;
    this.options.out(this.formatLine(this.takePartial(), this.now()));
  }

  private armTimer(): void {
    if (this.partialBytes === 0) {
      this.clearTimer();
      return;
    }
    // the delay counts from the start of the partial line, so a trickle cannot hold it forever
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushPartial();
    }, this.flushDelayMs);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private takePartialParts(): Buffer[] {
    this.clearTimer();
    const parts = this.partial;
    this.partial = [];
    this.partialBytes = 0;
    return parts;
  }

  private takePartial(): Buffer {
    return Buffer.concat(this.takePartialParts());
  }

  /** one finished line (without its newline) in the configured format, newline included */
  private formatLine(line: Buffer, date: Date): Buffer {
    const o = this.options;
    if (o.format === 'json') {
      let text = lossyUtf8.decode(line);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      const record = {
        time: date.toISOString(),
        program: o.groupName,
        process: o.processName,
        pid: o.getPid(),
        stream: o.channel,
        message: text,
      };
      return Buffer.from(`${JSON.stringify(record)}\n`);
    }
    const head = o.timestamps ? `${date.toISOString()} ${this.prefix}` : this.prefix;
    return Buffer.concat([Buffer.from(head), line, Buffer.from('\n')]);
  }
}
