// The only door to libc: koffi is loaded on first use (startup cost ~20 ms) and never elsewhere.
// Every function throws an ErrnoError on failure so callers can map errno names to Supervisor's texts.
import { createRequire } from 'node:module';
import { constants } from 'node:os';

// Linux values (identical on x86_64 and arm64)
export const RLIMIT_NPROC = 6;
export const RLIMIT_NOFILE = 7;
export const RLIM_INFINITY = 0xffffffffffffffffn;
const PR_SET_PDEATHSIG = 1;
const PR_SET_CHILD_SUBREAPER = 36;
const PR_GET_CHILD_SUBREAPER = 37;
export const WNOHANG = 1;
const WEXITED = 4;
const WNOWAIT = 0x01000000;
const P_ALL = 0;
const P_PID = 1;
const O_CLOEXEC = 0o2000000;
const SIG_SETMASK = 2;
const F_GETFD = 1;
const F_SETFD = 2;
const FD_CLOEXEC = 1;
// same number on x86_64 and arm64 (syscalls added after 4.x share one table)
const SYS_CLOSE_RANGE = 436;
const CLOSE_RANGE_CLOEXEC = 4;
const SIGINFO_SIZE = 128;
// siginfo_t on 64-bit Linux: si_signo@0, si_errno@4, si_code@8, si_pid@16, si_uid@20, si_status@24
const SI_CODE_OFFSET = 8;
const SI_PID_OFFSET = 16;
const SI_STATUS_OFFSET = 24;
export const CLD_EXITED = 1;
export const CLD_KILLED = 2;
export const CLD_DUMPED = 3;

export type NativeFn = (...args: unknown[]) => unknown;
/** What the sibling src/os/ffi-*.ts modules bind their own libc functions with. */
export interface LibcBinder {
  func(decl: string): NativeFn;
}
interface Koffi {
  load(path: string | null): LibcBinder;
  struct(name: string, def: Record<string, string>): unknown;
  errno(): number;
}

interface Libc {
  koffi: Koffi;
  lib: LibcBinder;
  prctl: NativeFn;
  prctlOut: NativeFn;
  getrlimit: NativeFn;
  setrlimit: NativeFn;
  waitpid: NativeFn;
  waitid: NativeFn;
  execve: NativeFn;
  setsid: NativeFn;
  pipe2: NativeFn;
  signal: NativeFn;
  sigprocmask: NativeFn;
  fcntl: NativeFn;
  dup2: NativeFn;
  syscall3: NativeFn;
}

export class ErrnoError extends Error {
  constructor(readonly syscall: string, readonly errno: number) {
    super(`${syscall}: ${errnoName(errno)}`);
  }
  get code(): string {
    return errnoName(this.errno);
  }
}

const ERRNO_NAMES = new Map<number, string>(
  Object.entries(constants.errno as Record<string, number>).map(([name, n]) => [n, name]),
);

/** `ENOENT` for 2, like Python's errno.errorcode; the number itself when unknown. */
export function errnoName(errno: number): string {
  return ERRNO_NAMES.get(errno) ?? String(errno);
}

let libc: Libc | null = null;

/** koffi (or its platform package) is missing or broken: every native call fails with this. */
export class FfiUnavailableError extends Error {}

let loadFailure: FfiUnavailableError | null = null;

function load(): Libc {
  if (libc) return libc;
  if (loadFailure) throw loadFailure;
  try {
    return bind();
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    loadFailure = new FfiUnavailableError(`native bindings unavailable (koffi: ${why})`);
    throw loadFailure;
  }
}

function bind(): Libc {
  const require = createRequire(import.meta.url);
  const koffi = require('koffi') as Koffi;
  // dlopen(NULL) sees the libc node itself links against (glibc or musl) without guessing its file name
  const lib = koffi.load(null);
  koffi.struct('rlimit_t', { cur: 'uint64_t', max: 'uint64_t' });
  libc = {
    koffi,
    lib,
    prctl: lib.func('int prctl(int option, unsigned long a2, unsigned long a3, unsigned long a4, unsigned long a5)'),
    prctlOut: lib.func('int prctl(int option, _Out_ int *a2, unsigned long a3, unsigned long a4, unsigned long a5)'),
    getrlimit: lib.func('int getrlimit(int resource, _Out_ rlimit_t *rlim)'),
    setrlimit: lib.func('int setrlimit(int resource, const rlimit_t *rlim)'),
    waitpid: lib.func('int waitpid(int pid, _Out_ int *status, int options)'),
    waitid: lib.func('int waitid(int idtype, uint32_t id, _Out_ uint8_t *infop, int options)'),
    execve: lib.func('int execve(const char *path, const char **argv, const char **envp)'),
    setsid: lib.func('int setsid()'),
    pipe2: lib.func('int pipe2(_Out_ int *fds, int flags)'),
    signal: lib.func('void *signal(int signum, void *handler)'),
    sigprocmask: lib.func('int sigprocmask(int how, const uint8_t *set, uint8_t *oldset)'),
    // declared with a fixed third argument: every command we use takes an int
    fcntl: lib.func('int fcntl(int fd, int cmd, int arg)'),
    dup2: lib.func('int dup2(int oldfd, int newfd)'),
    // for close_range, which older glibc versions do not wrap
    syscall3: lib.func('long syscall(long number, unsigned int a, unsigned int b, unsigned int c)'),
  };
  return libc;
}

/** -1 becomes an ErrnoError carrying errno (read at once, before anything else can change it). */
export function check(syscall: string, result: unknown): number {
  const n = Number(result);
  if (n === -1) throw new ErrnoError(syscall, load().koffi.errno());
  return n;
}

/**
 * For the sibling ffi-*.ts modules: their bindings, made on first use from the libc loaded here
 * (so koffi is loaded in one place); throws FfiUnavailableError when koffi is unavailable.
 */
export function lazyLibcBindings<T>(bind: (lib: LibcBinder) => T): () => T {
  let bound: T | undefined;
  return () => {
    bound ??= bind(load().lib);
    return bound;
  };
}

/** True when koffi and libc can be loaded here (false on platforms without a prebuilt koffi). */
export function ffiAvailable(): boolean {
  try {
    load();
    return true;
  } catch {
    return false;
  }
}

export function setChildSubreaper(on = true): void {
  const c = load();
  check('prctl', c.prctl(PR_SET_CHILD_SUBREAPER, on ? 1 : 0, 0, 0, 0));
}

export function isChildSubreaper(): boolean {
  const c = load();
  const out = new Int32Array(1);
  check('prctl', c.prctlOut(PR_GET_CHILD_SUBREAPER, out, 0, 0, 0));
  return out[0] !== 0;
}

/** Ask the kernel to send `signo` to this process when its parent (thread) dies. */
export function setParentDeathSignal(signo: number): void {
  const c = load();
  check('prctl', c.prctl(PR_SET_PDEATHSIG, signo, 0, 0, 0));
}

export interface RLimit {
  /** soft limit; null = unlimited */
  soft: number | null;
  /** hard limit; null = unlimited */
  hard: number | null;
}

function fromRlim(value: bigint | number): number | null {
  const big = BigInt(value);
  return big === RLIM_INFINITY ? null : Number(big);
}

function toRlim(value: number | null): bigint {
  return value === null ? RLIM_INFINITY : BigInt(value);
}

export function getrlimit(resource: number): RLimit {
  const c = load();
  const out: { cur?: bigint | number; max?: bigint | number } = {};
  check('getrlimit', c.getrlimit(resource, out));
  return { soft: fromRlim(out.cur ?? 0), hard: fromRlim(out.max ?? 0) };
}

export function setrlimit(resource: number, limit: RLimit): void {
  const c = load();
  check('setrlimit', c.setrlimit(resource, { cur: toRlim(limit.soft), max: toRlim(limit.hard) }));
}

export interface WaitResult {
  pid: number;
  /** raw wait status word */
  status: number;
}

/** waitpid(pid, WNOHANG): null when nothing is ready; throws ErrnoError (e.g. ECHILD). */
export function waitpidNoHang(pid: number): WaitResult | null {
  const c = load();
  const status = new Int32Array(1);
  const got = check('waitpid', c.waitpid(pid, status, WNOHANG));
  return got === 0 ? null : { pid: got, status: status[0] };
}

export interface ChildPeek {
  pid: number;
  /** CLD_EXITED, CLD_KILLED or CLD_DUMPED */
  code: number;
  /** exit code or signal number */
  status: number;
}

/**
 * Look at one exited child without reaping it (waitid WNOWAIT), or null if none has exited.
 * With `pid` only that child is examined.
 */
export function peekExitedChild(pid?: number): ChildPeek | null {
  const c = load();
  const info = new Uint8Array(SIGINFO_SIZE);
  const idtype = pid === undefined ? P_ALL : P_PID;
  try {
    check('waitid', c.waitid(idtype, pid ?? 0, info, WEXITED | WNOHANG | WNOWAIT));
  } catch (err) {
    if (err instanceof ErrnoError && err.code === 'ECHILD') return null;
    throw err;
  }
  const view = new DataView(info.buffer);
  const childPid = view.getInt32(SI_PID_OFFSET, true);
  if (childPid === 0) return null;
  return {
    pid: childPid,
    code: view.getInt32(SI_CODE_OFFSET, true),
    status: view.getInt32(SI_STATUS_OFFSET, true),
  };
}

/** Replace this process image. Returns only by throwing. */
export function execve(filename: string, argv: string[], env: Record<string, string>): never {
  const c = load();
  const envp = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  c.execve(filename, [...argv, null], [...envp, null]);
  throw new ErrnoError('execve', c.koffi.errno());
}

export function setsid(): number {
  return check('setsid', load().setsid());
}

/** A real pipe (not the socketpair Node's 'pipe' stdio gives), both ends close-on-exec: [readFd, writeFd]. */
export function makePipe(): [number, number] {
  const c = load();
  const fds = new Int32Array(2);
  check('pipe2', c.pipe2(fds, O_CLOEXEC));
  return [fds[0], fds[1]];
}

/** Put every signal back to its default action and unblock all, so an exec'd program starts clean. */
export function resetSignalsForExec(signals: number[]): void {
  const c = load();
  for (const signo of signals) {
    if (signo === 9 || signo === 19) continue; // SIGKILL/SIGSTOP cannot be changed
    c.signal(signo, null);
  }
  check('sigprocmask', c.sigprocmask(SIG_SETMASK, new Uint8Array(SIGINFO_SIZE), null));
}

/** Let `fd` survive exec (node marks even its stdio close-on-exec). */
export function clearCloseOnExec(fd: number): void {
  const c = load();
  const flags = check('fcntl', c.fcntl(fd, F_GETFD, 0));
  check('fcntl', c.fcntl(fd, F_SETFD, flags & ~FD_CLOEXEC));
}

/** dup2(2): make `target` refer to what `source` refers to. */
export function dup2(source: number, target: number): void {
  check('dup2', load().dup2(source, target));
}

/** Mark `fd` close-on-exec; returns false when it already was. */
export function setCloseOnExec(fd: number): boolean {
  const c = load();
  const flags = check('fcntl', c.fcntl(fd, F_GETFD, 0));
  if (flags & FD_CLOEXEC) return false;
  check('fcntl', c.fcntl(fd, F_SETFD, flags | FD_CLOEXEC));
  return true;
}

/** close_range(first, ~0, CLOSE_RANGE_CLOEXEC): every fd >= first becomes close-on-exec, in one call (Linux >= 5.11). */
export function closeRangeOnExec(first: number): void {
  const c = load();
  check('close_range', c.syscall3(SYS_CLOSE_RANGE, first, 0xffffffff, CLOSE_RANGE_CLOEXEC));
}

const F_SETPIPE_SZ = 1031;

/**
 * Ask the kernel for a bigger pipe buffer (F_SETPIPE_SZ); returns the new size, or null when refused
 * (over /proc/sys/fs/pipe-max-size or the per-user pipe budget). Best effort: never throws.
 */
export function setPipeSize(fd: number, bytes: number): number | null {
  try {
    const size = Number(load().fcntl(fd, F_SETPIPE_SZ, bytes));
    return size > 0 ? size : null;
  } catch {
    return null;
  }
}
