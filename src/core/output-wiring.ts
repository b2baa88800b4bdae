// Child pipe -> OutputChannel. Each read is written to the channel (which copies what it keeps); EOF
// flushes partial lines. When the channel's file writer falls behind (write() returns false), reading
// stops until the channel drains, so a chatty child blocks on its own pipe instead of growing our memory.
import type { OutputChannel } from '../logging/api.js';
import type { ChildOutput } from './ports.js';

/** `tap` (an event listener's protocol reader) gets its own copy of every read before the channel. */
export function attachOutput(output: ChildOutput | null, channel: OutputChannel | null, tap?: (chunk: Buffer) => void): void {
  if (!output) return;
  output.start({
    data(view) {
      tap?.(Buffer.from(view));
      // no channel: reads are dropped, so the child never blocks on a full pipe
      if (!channel || channel.write(view) !== false || !channel.onDrain) return true;
      channel.onDrain(() => output.resume());
      return false;
    },
    end() {
      channel?.end();
    },
  });
}
