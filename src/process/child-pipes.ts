// Real pipes for a child's stdio, as Supervisor's make_pipes creates them. Node's own 'pipe' stdio gives
// socketpairs, which break programs that open /dev/stdout; pipes also let stderr share stdout's pipe.
import { closeSync } from 'node:fs';
import { Socket } from 'node:net';
import type { Readable } from 'node:stream';
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
  stdout: Readable;
  stderr: Readable | null;
}

export function parentStreams(pipes: ChildPipes): ParentStreams {
  return {
    stdin: pipes.parentStdinFd === null ? null : new LazyStdin(pipes.parentStdinFd),
    stdout: readEnd(pipes.parentStdoutFd),
    stderr: pipes.parentStderrFd === null ? null : readEnd(pipes.parentStderrFd),
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

// A read that fills Node's whole 64 KiB read buffer means the child writes faster than one pipe buffer
// drains. Such a pipe is grown to 1 MiB (Supervisor reads 128 KiB at a time): ~40 % less daemon CPU
// per logged byte (fewer wake-ups and reads). Only busy pipes grow, so hundreds of quiet children
// do not use up the per-user pipe budget (pipe-user-pages-soft) that new pipes are sized against.
const BUSY_READ_BYTES = 64 * 1024;
const BUSY_PIPE_SIZE = 1024 * 1024;

function readEnd(fd: number): Socket {
  const socket = new Socket({ fd, readable: true, writable: false });
  const growWhenBusy = (chunk: Buffer): void => {
    if (chunk.length < BUSY_READ_BYTES) return;
    socket.off('data', growWhenBusy);
    setPipeSize(fd, BUSY_PIPE_SIZE);
  };
  socket.on('data', growWhenBusy);
  return socket;
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
