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
  /** partial lines wait this long, counted from their first byte, for their end (default 1 s) */
  flushDelayMs?: number;
  /** a line longer than this is emitted in pieces (default 16 KiB) */
  maxLineBytes?: number;
  now?: () => Date;
}

const NEWLINE = 0x0a;
// characters JSON must escape; decoded UTF-8 never holds lone surrogates, so nothing else needs it
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** JSON string literal, skipping JSON.stringify for the common plain line */
function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

export class ConsoleLines {
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly flushDelayMs: number;
  private readonly maxLineBytes: number;
  private readonly now: () => Date;
  private readonly prefix: string;

  constructor(private readonly options: ConsoleLineOptions) {
    // long enough for a line written in pieces by a slow program, short enough for a prompt to show
    this.flushDelayMs = options.flushDelayMs ?? 1000;
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
    const lines: Buffer[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, pos);
      const room = this.maxLineBytes - this.partialBytes;
      if (nl === -1 || nl - pos > room) {
        const take = Math.min(chunk.length - pos, room);
        // copied: a 10-byte partial line must not keep a whole 64 KiB read alive
        this.partial.push(Buffer.from(chunk.subarray(pos, pos + take)));
        this.partialBytes += take;
        pos += take;
        if (this.partialBytes >= this.maxLineBytes) lines.push(this.takePartial());
        continue;
      }
      const piece = chunk.subarray(pos, nl);
      lines.push(this.partialBytes > 0 ? Buffer.concat([...this.takePartialParts(), piece]) : piece);
      pos = nl + 1;
    }
    if (lines.length > 0) this.options.out(this.formatLines(lines, this.now()));
    this.armTimer();
  }

  /** EOF or shutdown: emit the partial line now. */
  end(): void {
    this.flushPartial();
  }

  private flushPartial(): void {
    this.clearTimer();
    if (this.partialBytes === 0) return;
    this.options.out(this.formatLines([this.takePartial()], this.now()));
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

  /** finished lines (without their newlines) in the configured format, as one Buffer */
  private formatLines(lines: Buffer[], date: Date): Buffer {
    const o = this.options;
    if (o.format === 'json') {
      // every line of a read shares the same fields but the message
      const head =
        `{"time":"${date.toISOString()}","program":${JSON.stringify(o.groupName)},` +
        `"process":${JSON.stringify(o.processName)},"pid":${o.getPid()},"stream":"${o.channel}","message":`;
      let text = '';
      for (const line of lines) {
        let message = line.toString('utf8'); // invalid bytes become U+FFFD
        if (message.endsWith('\r')) message = message.slice(0, -1);
        text += `${head}${jsonString(message)}}\n`;
      }
      return Buffer.from(text);
    }
    const head = Buffer.from(o.timestamps ? `${date.toISOString()} ${this.prefix}` : this.prefix);
    let total = 0;
    for (const line of lines) total += head.length + line.length + 1;
    const out = Buffer.allocUnsafe(total);
    let at = 0;
    for (const line of lines) {
      at += head.copy(out, at);
      at += line.copy(out, at);
      out[at++] = NEWLINE;
    }
    return out;
  }
}
