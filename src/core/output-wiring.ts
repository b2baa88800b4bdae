// Child pipe -> OutputChannel. Reads raw Buffers; EOF flushes partial lines. When the channel's file
// writer falls behind (write() returns false), the pipe is paused until the channel drains, so a
// chatty child blocks on its own pipe instead of growing our memory.
import type { Readable } from 'node:stream';
import type { OutputChannel } from '../logging/api.js';

export function attachOutput(pipe: Readable | null, channel: OutputChannel | null): void {
  if (!pipe) return;
  pipe.on('error', () => undefined);
  if (!channel) {
    pipe.resume(); // nobody listens: drain so the child never blocks on a full pipe
    return;
  }
  pipe.on('data', (chunk: Buffer) => {
    if (channel.write(chunk) === false && channel.onDrain) {
      pipe.pause();
      channel.onDrain(() => pipe.resume());
    }
  });
  pipe.on('end', () => channel.end());
}
