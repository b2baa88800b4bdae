// The listening socket of one [fcgi-program:x] group (Supervisor's SocketManager + *StreamSocketConfig):
// created and bound once, handed to every child of the group as its fd 0.
//
// Integration surface (core); FcgiSocketRegistry (bottom) does the per-group bookkeeping:
//   await registry.addGroup(groupConfig)  at group creation (no-op unless kind is fcgi-program)
//   registry.get(groupName)?.acquire()    in launch(): lease.fd -> spawnChild({ stdinFd })
//   registry.removeGroup(name) / closeAll()
// or, one FcgiSocketManager per fcgi-program group:
//   const sockets = new FcgiSocketManager(group.fcgi!, mainLog);
//   await sockets.open();              at group creation: fail fast with FcgiSocketError
//                                      `Could not create FastCGI socket <url>: <err>`
//   const lease = sockets.acquire();   before each spawn: pass lease.fd as the child's stdin fd
//                                      (child-pipes.ts `stdinFd`); synchronous
//   lease.release();                   when that child has been reaped (or its spawn failed)
//   sockets.closeIfUnused();           when the group has been stopped on request (no child left)
//   sockets.close();                   when the group is removed or supervisord exits
// The socket stays open while the group exists, across child restarts (Supervisor closes it when the
// last child exits and re-creates it at the next spawn; keeping it means no refused connections while
// a child restarts). acquire() re-creates it synchronously after closeIfUnused().
//
// Why libc and not net.Server: the parent must never accept() on this socket, and the children expect
// a blocking socket. A Node server would watch the fd in the event loop (stealing connections) and
// share O_NONBLOCK with the children through the duplicated file description; a plain socket(2)
// made close-on-exec, as Python's, has neither problem (the calls live in src/os/ffi-socket.ts).
import { chmodSync, chownSync, existsSync, unlinkSync } from 'node:fs';
import { constants } from 'node:os';
import type { FcgiSocketOptions, ProcessGroupConfig } from '../config/model.js';
import type { MainLogger } from '../logging/api.js';
import { ErrnoError } from '../os/ffi.js';
import { resolveIPv4 } from '../os/resolve-ipv4.js';
import {
  AF_INET,
  AF_UNIX,
  SOCK_CLOEXEC,
  SOCK_STREAM,
  SOL_SOCKET,
  SO_REUSEADDR,
  bindAddress,
  closeQuietly,
  listen,
  setIntSocketOption,
  socket,
  strerror,
} from '../os/ffi-socket.js';

const UNIX_PATH_MAX = 108;

/** An address parsed from the socket URL; tcp hosts are resolved to IPv4 at open(). */
export type FcgiAddress =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'unix'; path: string };

export class FcgiSocketError extends Error {
  override name = 'FcgiSocketError';
}

/** `tcp://host:port` (host lower-cased, like Supervisor's url) or `unix:///abs/path`. */
export function parseFcgiSocketUrl(url: string): FcgiAddress {
  if (url.startsWith('unix://')) {
    const path = url.slice('unix://'.length);
    if (!path.startsWith('/')) throw new FcgiSocketError(`Unix socket path ${path} is not an absolute path`);
    return { kind: 'unix', path };
  }
  const m = /^tcp:\/\/([^\s:]+):(\d+)$/.exec(url);
  if (m) {
    const port = Number(m[2]);
    if (port < 1 || port > 0xffff) throw new FcgiSocketError(`Bad socket format ${url}`);
    return { kind: 'tcp', host: m[1]!.toLowerCase(), port };
  }
  throw new FcgiSocketError(`Bad socket format ${url}`);
}

export function fcgiSocketUrl(address: FcgiAddress): string {
  return address.kind === 'unix' ? `unix://${address.path}` : `tcp://${address.host}:${address.port}`;
}

// ---- errors and addresses ------------------------------------------------------------------------
/** An OSError rendered like Python's str(): `[Errno 98] Address already in use`. */
class OsError extends Error {
  constructor(readonly errno: number, strerror: string, filename?: string) {
    super(`[Errno ${errno}] ${strerror}${filename === undefined ? '' : `: '${filename}'`}`);
  }
}

/** Run a socket call, turning its ErrnoError into the OSError text Python would show. */
function socketCall<T>(call: () => T): T {
  try {
    return call();
  } catch (err) {
    if (err instanceof ErrnoError) throw new OsError(err.errno, strerror(err.errno));
    throw err;
  }
}

/** A Node fs error (chmod/chown) rendered like Python's OSError. */
function fromNodeError(err: unknown, path: string): Error {
  const e = err as NodeJS.ErrnoException;
  const errno = e.code ? (constants.errno as Record<string, number>)[e.code] : undefined;
  if (errno === undefined) return e;
  return new OsError(errno, strerror(errno), path);
}

function sockaddrIn(ip: string, port: number): Buffer {
  const addr = Buffer.alloc(16);
  addr.writeUInt16LE(AF_INET, 0); // sa_family is in host order (little endian on Linux targets)
  addr.writeUInt16BE(port, 2);
  ip.split('.').forEach((octet, i) => addr.writeUInt8(Number(octet), 4 + i));
  return addr;
}

function sockaddrUn(path: string): Buffer {
  const bytes = Buffer.from(path);
  if (bytes.length >= UNIX_PATH_MAX) throw new Error('AF_UNIX path too long');
  const addr = Buffer.alloc(2 + bytes.length + 1);
  addr.writeUInt16LE(AF_UNIX, 0);
  bytes.copy(addr, 2);
  return addr;
}

// ---- the manager ------------------------------------------------------------------------------
export interface FcgiSocketLease {
  /** the listening socket, to become the child's fd 0 */
  readonly fd: number;
  /** the child is gone; idempotent */
  release(): void;
}

export class FcgiSocketManager {
  readonly url: string;
  private readonly address: FcgiAddress;
  /** the IPv4 address a tcp host resolved to at open() */
  private bindIp: string | null = null;
  private fd: number | null = null;
  private refs = 0;

  constructor(private readonly options: FcgiSocketOptions, private readonly logger?: Pick<MainLogger, 'info'>) {
    this.address = parseFcgiSocketUrl(options.socket);
    this.url = fcgiSocketUrl(this.address);
  }

  get isOpen(): boolean {
    return this.fd !== null;
  }

  /** children currently holding the socket */
  get references(): number {
    return this.refs;
  }

  /** Resolve and create the socket now (group creation), so configuration errors surface early. */
  async open(): Promise<void> {
    if (this.address.kind === 'tcp' && this.bindIp === null) {
      const host = this.address.host;
      try {
        this.bindIp = await resolveIPv4(host);
      } catch (err) {
        // what Python's getaddrinfo failure says
        const notFound = (err as NodeJS.ErrnoException).code === 'ENOTFOUND';
        throw this.failure(notFound ? new Error('[Errno -2] Name or service not known') : err);
      }
    }
    this.ensureOpen();
  }

  /** Take a reference for one child about to be spawned. */
  acquire(): FcgiSocketLease {
    const fd = this.ensureOpen();
    this.refs++;
    let held = true;
    return {
      fd,
      release: () => {
        if (!held) return;
        held = false;
        this.refs--;
      },
    };
  }

  /** Close when no child holds it (the group was stopped); true if it is closed now. */
  closeIfUnused(): boolean {
    if (this.refs > 0) return false;
    this.close();
    return true;
  }

  /** Close our descriptor (children keep their copies). */
  close(): void {
    if (this.fd === null) return;
    this.logger?.info(`Closing socket ${this.url}`);
    closeQuietly(this.fd);
    this.fd = null;
  }

  private ensureOpen(): number {
    if (this.fd !== null) return this.fd;
    if (this.address.kind === 'tcp' && this.bindIp === null) {
      throw new FcgiSocketError(`FastCGI socket ${this.url} has not been opened yet`);
    }
    this.logger?.info(`Creating socket ${this.url}`);
    try {
      this.fd = this.address.kind === 'unix' ? this.createUnix(this.address.path) : this.createTcp(this.bindIp!);
    } catch (err) {
      throw this.failure(err);
    }
    return this.fd;
  }

  private createTcp(ip: string): number {
    const fd = socketCall(() => socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC));
    try {
      socketCall(() => setIntSocketOption(fd, SOL_SOCKET, SO_REUSEADDR, 1));
      const addr = sockaddrIn(ip, (this.address as { port: number }).port);
      socketCall(() => bindAddress(fd, addr));
      this.listen(fd);
    } catch (err) {
      closeQuietly(fd);
      throw err;
    }
    return fd;
  }

  private createUnix(path: string): number {
    if (existsSync(path)) unlinkSync(path);
    const fd = socketCall(() => socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC));
    try {
      const addr = sockaddrUn(path);
      socketCall(() => bindAddress(fd, addr));
      const owner = this.options.socketOwner;
      if (owner) {
        try {
          chownSync(path, owner.uid, owner.gid);
        } catch (err) {
          throw new Error(`Could not change ownership of socket file: ${fromNodeError(err, path).message}`);
        }
      }
      try {
        chmodSync(path, this.options.socketMode);
      } catch (err) {
        throw new Error(`Could not change permissions of socket file: ${fromNodeError(err, path).message}`);
      }
      this.listen(fd);
    } catch (err) {
      closeQuietly(fd);
      if (existsSync(path)) unlinkSync(path);
      throw err;
    }
    return fd;
  }

  private listen(fd: number): void {
    // Python's socket.SOMAXCONN on current Linux; the kernel caps it at net.core.somaxconn anyway
    const backlog = this.options.socketBacklog ?? 4096;
    socketCall(() => listen(fd, backlog));
  }

  private failure(err: unknown): FcgiSocketError {
    const reason = err instanceof Error ? err.message : String(err);
    return new FcgiSocketError(`Could not create FastCGI socket ${this.url}: ${reason}`);
  }
}

/** The sockets of every fcgi-program group, by group name; survives reloads like the groups do. */
export class FcgiSocketRegistry {
  private readonly managers = new Map<string, FcgiSocketManager>();

  constructor(private readonly logger?: Pick<MainLogger, 'info'>) {}

  /** Open the group's socket (no-op for other kinds, or when its url is unchanged); FcgiSocketError. */
  async addGroup(group: ProcessGroupConfig): Promise<void> {
    if (!group.fcgi) return;
    const existing = this.managers.get(group.name);
    const manager = new FcgiSocketManager(group.fcgi, this.logger);
    if (existing && existing.url === manager.url) return;
    existing?.close();
    this.managers.delete(group.name);
    await manager.open();
    this.managers.set(group.name, manager);
  }

  get(groupName: string): FcgiSocketManager | undefined {
    return this.managers.get(groupName);
  }

  removeGroup(groupName: string): void {
    this.managers.get(groupName)?.close();
    this.managers.delete(groupName);
  }

  closeAll(): void {
    for (const name of [...this.managers.keys()]) this.removeGroup(name);
  }
}
