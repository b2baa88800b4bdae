// Child pipe -> OutputChannel. Reads raw Buffers; EOF flushes partial lines.
import type { Readable } from 'node:stream';
import type { OutputChannel } from '../logging/api.js';

export function attachOutput(pipe: Readable | null, channel: OutputChannel | null): void {
  if (!pipe) return;
  if (!channel) {
    pipe.resume(); // nobody listens: drain so the child never blocks on a full pipe
    return;
  }
  pipe.on('data', (chunk: Buffer) => channel.write(chunk));
  pipe.on('end', () => channel.end());
  pipe.on('error', () => undefined);
}
