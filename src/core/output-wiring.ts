// Child pipe -> OutputChannel. Reads raw Buffers; EOF flushes partial lines. When the channel's file
// writer falls behind (write() returns false), the pipe is paused until the channel drains, so a
// chatty child blocks on its own pipe instead of growing our memory.
import type { Readable } from 'node:stream';
import type { OutputChannel } from '../logging/api.js';

/** The logging engineer's channels report backpressure; the contract's write() returns void. */
interface BackpressureChannel {
  write(chunk: Buffer): boolean | void;
  onDrain?(listener: () => void): () => void;
}

export function attachOutput(pipe: Readable | null, channel: OutputChannel | null): void {
  if (!pipe) return;
  pipe.on('error', () => undefined);
  if (!channel) {
    pipe.resume(); // nobody listens: drain so the child never blocks on a full pipe
    return;
  }
  const bp = channel as unknown as BackpressureChannel;
  pipe.on('data', (chunk: Buffer) => {
    if (bp.write(chunk) === false && bp.onDrain) {
      pipe.pause();
      bp.onDrain(() => pipe.resume());
    }
  });
  pipe.on('end', () => channel.end());
}
