// Plain BSD socket calls from libc, for listening sockets that children inherit (fcgi-program): a Node
// server would watch the fd in the event loop and share O_NONBLOCK with the children. Failures throw
// ErrnoError; strerror() gives the text Python's OSError shows.
import { check, lazyLibcBindings, type NativeFn } from './ffi.js';

interface SocketCalls {
  socket: NativeFn;
  setsockopt: NativeFn;
  bind: NativeFn;
  listen: NativeFn;
  close: NativeFn;
  strerror: NativeFn;
}

const calls = lazyLibcBindings<SocketCalls>((lib) => ({
  socket: lib.func('int socket(int domain, int type, int protocol)'),
  setsockopt: lib.func('int setsockopt(int fd, int level, int name, const int *value, uint32_t len)'),
  bind: lib.func('int bind(int fd, const uint8_t *addr, uint32_t len)'),
  listen: lib.func('int listen(int fd, int backlog)'),
  close: lib.func('int close(int fd)'),
  strerror: lib.func('const char *strerror(int errnum)'),
}));

export const AF_UNIX = 1;
export const AF_INET = 2;
export const SOCK_STREAM = 1;
export const SOCK_CLOEXEC = 0o2000000;
export const SOL_SOCKET = 1;
export const SO_REUSEADDR = 2;

export function socket(domain: number, type: number, protocol = 0): number {
  return check('socket', calls().socket(domain, type, protocol));
}

/** setsockopt with an int value (SO_REUSEADDR and friends). */
export function setIntSocketOption(fd: number, level: number, name: number, value: number): void {
  check('setsockopt', calls().setsockopt(fd, level, name, new Int32Array([value]), 4));
}

/** bind(2) to an already encoded sockaddr. */
export function bindAddress(fd: number, sockaddr: Buffer): void {
  check('bind', calls().bind(fd, sockaddr, sockaddr.length));
}

export function listen(fd: number, backlog: number): void {
  check('listen', calls().listen(fd, backlog));
}

/** close(2), errors ignored: the descriptor is gone either way. */
export function closeQuietly(fd: number): void {
  calls().close(fd);
}

/** libc's message for an errno, e.g. `Address already in use`. */
export function strerror(errno: number): string {
  return String(calls().strerror(errno));
}
