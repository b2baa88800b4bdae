// Real pipes for a child's stdio, as Supervisor's make_pipes creates them. Node's own 'pipe' stdio gives
// socketpairs, which break programs that open /dev/stdout; pipes also let stderr share stdout's pipe.
import { closeSync } from 'node:fs';
import { Socket, type OnReadOpts, type SocketConstructorOpts } from 'node:net';
import type { ChildOutput, ChildOutputSink } from '../core/ports.js';
import { makePipe, setPipeSize } from '../os/ffi.js';

export interface ChildPipes {
  /** fds handed to spawn as stdio [0, 1, 2] */
  childFds: [number, number, number];
  /** fds to close in the parent once the child has them */
  childOnlyFds: number[];
  /** parent ends, created as streams after a successful spawn */
  parentStdinFd: number | null;
  parentStdoutFd: number;
  parentStderrFd: number | null;
}

export interface PipeOptions {
  redirectStderr: boolean;
  /** an fd (fcgi listening socket) to use as the child's fd 0 instead of a stdin pipe */
  stdinFd: number | null;
}

/** Create the pipes; on failure closes whatever was opened and rethrows (ErrnoError, e.g. EMFILE). */
export function openChildPipes(options: PipeOptions): ChildPipes {
  const opened: number[] = [];
  const pipe = (): [number, number] => {
    const fds = makePipe();
    opened.push(...fds);
    return fds;
  };
  try {
    const stdin = options.stdinFd === null ? pipe() : null;
    const stdout = pipe();
    const stderr = options.redirectStderr ? null : pipe();
    const childStdin = stdin ? stdin[0] : (options.stdinFd as number);
    return {
      childFds: [childStdin, stdout[1], stderr ? stderr[1] : stdout[1]],
      childOnlyFds: [...(stdin ? [stdin[0]] : []), stdout[1], ...(stderr ? [stderr[1]] : [])],
      parentStdinFd: stdin ? stdin[1] : null,
      parentStdoutFd: stdout[0],
      parentStderrFd: stderr ? stderr[0] : null,
    };
  } catch (err) {
    closeAll(opened);
    throw err;
  }
}

export function closeChildEnds(pipes: ChildPipes): void {
  closeAll(pipes.childOnlyFds);
}

export function closeParentEnds(pipes: ChildPipes): void {
  closeAll([pipes.parentStdinFd, pipes.parentStdoutFd, pipes.parentStderrFd].filter((fd): fd is number => fd !== null));
}

export interface ParentStreams {
  stdin: LazyStdin | null;
  stdout: PipeReader;
  stderr: PipeReader | null;
}

export function parentStreams(pipes: ChildPipes): ParentStreams {
  return {
    stdin: pipes.parentStdinFd === null ? null : new LazyStdin(pipes.parentStdinFd),
    stdout: new PipeReader(pipes.parentStdoutFd),
    stderr: pipes.parentStderrFd === null ? null : new PipeReader(pipes.parentStderrFd),
  };
}

/**
 * The parent's end of a child's stdin pipe, a bare fd until the first write: most children are never
 * written to, and a socket costs its set-up at spawn and its teardown at exit (stopping 200 programs
 * spent ~7 ms destroying stdin sockets nobody had used).
 */
export class LazyStdin {
  private socket: Socket | null = null;
  private closed = false;

  constructor(private readonly fd: number) {}

  get writable(): boolean {
    return !this.closed && (this.socket === null || this.socket.writable);
  }

  write(data: Buffer | string): void {
    if (this.closed) return;
    if (this.socket === null) {
      this.socket = new Socket({ fd: this.fd, readable: false, writable: true });
      // a child that dies makes writes fail with EPIPE: expected, and must never crash supervisord
      this.socket.on('error', () => undefined);
    }
    this.socket.write(data);
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.socket) this.socket.destroy();
    else closeAll([this.fd]);
  }
}

// Every pipe reads into one shared buffer. A read is handed to its sink and consumed (written out or
// copied) before the next read of any pipe starts, all on the main thread, so sharing is safe; and no
// buffer is allocated per read (Node's 'data' events allocate 64 KiB each time): ~15 % less daemon
// CPU per logged byte, since a reused buffer stays in the CPU cache and costs no page faults.
const READ_SIZE = 64 * 1024;
let sharedReadBuffer: Buffer | null = null;

// A read that fills the whole buffer means the child writes faster than one pipe buffer drains. Such
// a pipe is grown to 1 MiB (Supervisor reads 128 KiB at a time): ~40 % less daemon CPU per logged
// byte (fewer wake-ups and reads). Only busy pipes grow, so hundreds of quiet children do not use up
// the per-user pipe budget (pipe-user-pages-soft) that new pipes are sized against.
const BUSY_PIPE_SIZE = 1024 * 1024;

/** The parent's read end of a child's stdout or stderr pipe. */
export class PipeReader implements ChildOutput {
  private socket: Socket | null = null;
  private grown = false;
  private inSink = false;
  private resumeDuringSink = false;

  constructor(private readonly fd: number) {}

  start(sink: ChildOutputSink): void {
    if (this.socket) throw new Error('PipeReader.start() called twice');
    sharedReadBuffer ??= Buffer.allocUnsafeSlow(READ_SIZE);
    // `onread` (Node >= 12.2, in net.connect's typings only) reads into our buffer instead of a new one
    const options: SocketConstructorOpts & { onread: OnReadOpts } = {
      fd: this.fd,
      readable: true,
      writable: false,
      onread: { buffer: sharedReadBuffer, callback: (nread, buf) => this.deliver(sink, Buffer.from(buf.buffer, buf.byteOffset, nread)) },
    };
    const socket = new Socket(options);
    // EOF ends the output, and so does a read error (the socket closes without 'end'): the pipe is done
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      sink.end();
    };
    socket.on('error', () => undefined);
    socket.on('end', end);
    socket.on('close', end);
    this.socket = socket;
  }

  resume(): void {
    // asked from inside sink.data() (a drain that came at once): the read that is returning must not pause
    if (this.inSink) this.resumeDuringSink = true;
    else this.socket?.resume();
  }

  private deliver(sink: ChildOutputSink, view: Buffer): boolean {
    if (!this.grown && view.length === READ_SIZE) {
      this.grown = true;
      setPipeSize(this.fd, BUSY_PIPE_SIZE);
    }
    this.inSink = true;
    this.resumeDuringSink = false;
    let goOn: boolean;
    try {
      goOn = sink.data(view);
    } finally {
      this.inSink = false;
    }
    return goOn || this.resumeDuringSink;
  }
}

function closeAll(fds: number[]): void {
  for (const fd of fds) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
  }
}
