// The real terminal behind CtlIO: stdout for output, one node:readline interface for every prompt (the
// shell's, y/N questions, Username:/Password:, fg input), and a stack of ^C handlers.
import readline from 'node:readline';
import type { CtlIO } from './controller.js';

export type Completer = (line: string, callback: (err: null, result: [string[], string]) => void) => void;

interface TerminalOptions {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream & { isTTY?: boolean };
  errorOutput: NodeJS.WritableStream;
  completer?: Completer;
  /** most recent first, as node:readline wants it */
  history?: string[];
  /** what ^C does when no command asked to handle it */
  onUnhandledInterrupt: () => void;
}

/** Hidden hook node:readline uses for echo; replacing it is the usual way to read a password. */
interface EchoHook {
  _writeToOutput(text: string): void;
}

export class TerminalIO implements CtlIO {
  private rl: readline.Interface | null = null;
  private readonly queued: string[] = [];
  private waiter: ((line: string | null) => void) | null = null;
  private ended = false;
  private shellMode = false;
  private readonly interruptHandlers: Array<() => void> = [];
  private readonly onProcessSigint = (): void => this.interrupt();

  constructor(private readonly opts: TerminalOptions) {}

  write(text: string): void {
    this.opts.output.write(text);
  }

  writeErr(text: string): void {
    this.opts.errorOutput.write(text);
  }

  /** The history lines typed so far, most recent first. */
  history(): string[] {
    return this.rl ? [...(this.rl as unknown as { history: string[] }).history] : [];
  }

  readLine(prompt: string): Promise<string | null> {
    const rl = this.interface();
    this.setRawMode(true);
    rl.setPrompt(prompt);
    if (prompt) rl.prompt();
    else rl.resume();
    const next = this.queued.shift();
    if (next !== undefined) return Promise.resolve(next);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  async readSecret(prompt: string): Promise<string | null> {
    const rl = this.interface();
    if (!this.opts.input.isTTY) {
      // no terminal to hide the echo on: prompt on stderr like Python's getpass fallback
      this.writeErr(prompt);
      return this.readLine('');
    }
    const hook = rl as unknown as EchoHook;
    const echo = hook._writeToOutput.bind(rl);
    this.write(prompt);
    hook._writeToOutput = () => {};
    try {
      return await this.readLine('');
    } finally {
      hook._writeToOutput = echo;
      this.write('\n');
    }
  }

  onInterrupt(handler: () => void): () => void {
    this.interruptHandlers.push(handler);
    this.listenForSigint();
    return () => {
      const at = this.interruptHandlers.lastIndexOf(handler);
      if (at >= 0) this.interruptHandlers.splice(at, 1);
      if (this.interruptHandlers.length === 0 && !this.shellMode) process.off('SIGINT', this.onProcessSigint);
    };
  }

  /** Shell mode: read input from now on, and ^C always means something (never the default kill). */
  open(): void {
    this.shellMode = true;
    this.listenForSigint();
    this.interface();
  }

  private listenForSigint(): void {
    if (process.listeners('SIGINT').includes(this.onProcessSigint)) return;
    process.on('SIGINT', this.onProcessSigint);
  }

  private setRawMode(raw: boolean): void {
    const input = this.opts.input as { isTTY?: boolean; setRawMode?: (raw: boolean) => void };
    if (this.rl && input.isTTY && (this.rl as unknown as { terminal: boolean }).terminal) input.setRawMode?.(raw);
  }

  close(): void {
    process.off('SIGINT', this.onProcessSigint);
    this.rl?.close();
  }

  private interrupt(): void {
    const handler = this.interruptHandlers[this.interruptHandlers.length - 1];
    if (handler) handler();
    else this.opts.onUnhandledInterrupt();
  }

  private interface(): readline.Interface {
    if (this.rl) return this.rl;
    const terminal = Boolean(this.opts.input.isTTY && this.opts.output.isTTY);
    const rl = readline.createInterface({
      input: this.opts.input,
      output: this.opts.output,
      terminal,
      completer: this.opts.completer,
      history: this.opts.history ?? [],
      historySize: 1000,
      removeHistoryDuplicates: false,
    });
    rl.on('line', (line) => {
      // while a command runs the terminal is cooked again, so ^C arrives as SIGINT (readline is paused)
      rl.pause();
      this.setRawMode(false);
      if (this.waiter) {
        const resolve = this.waiter;
        this.waiter = null;
        resolve(line);
      } else {
        this.queued.push(line);
      }
    });
    rl.on('close', () => {
      this.ended = true;
      const resolve = this.waiter;
      this.waiter = null;
      resolve?.(null);
    });
    // in terminal mode readline swallows ^C and reports it here instead of as a process signal
    rl.on('SIGINT', () => this.interrupt());
    this.rl = rl;
    return rl;
  }
}
