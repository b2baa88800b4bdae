// Binding the control servers like Supervisor: unix sockets via a temp name + hard link (so a live
// server is never clobbered; stale sockets are detected and unlinked), TCP on IPv4.
import { chmodSync, chownSync, linkSync, statSync, unlinkSync } from 'node:fs';
import type { Server } from 'node:http';
import net from 'node:net';
import { constants, userInfo } from 'node:os';
import { dirname } from 'node:path';
import { resolveIPv4 } from '../os/resolve-ipv4.js';

export const ADDRESS_IN_USE_MESSAGE =
  'Another program is already listening on a port that one of our HTTP servers is configured to use.  ' +
  'Shut this program down first before starting supervisord.';

/** Supervisor's wording for other bind errors: `... socket.error reported errno.EACCES (13)`. */
export function bindErrorMessage(err: NodeJS.ErrnoException): string {
  if (err.code === 'EADDRINUSE') return ADDRESS_IN_USE_MESSAGE;
  const help = 'Cannot open an HTTP server: socket.error reported';
  const errnos = constants.errno as Record<string, number>;
  const num = err.code ? errnos[err.code] : undefined;
  return num === undefined ? `${help} ${err.code ?? err.message}` : `${help} errno.${err.code} (${num})`;
}

function listen(server: Server, target: string | { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    const done = () => {
      server.off('error', onError);
      resolve();
    };
    if (typeof target === 'string') server.listen(target, done);
    else server.listen(target.port, target.host, done);
  });
}

function closeQuietly(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Is something answering on this socket? (Supervisor's checkused: connect, send a request, read a byte.) */
export function socketInUse(path: string, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(path);
    const finish = (used: boolean) => {
      clearTimeout(timer);
      sock.destroy();
      resolve(used);
    };
    // a listener that accepts but never answers is still a listener
    const timer = setTimeout(() => finish(true), timeoutMs);
    sock.once('connect', () => sock.write('GET / HTTP/1.0\r\n\r\n'));
    sock.once('data', () => finish(true));
    sock.once('end', () => finish(true));
    sock.once('error', () => finish(false));
  });
}

/** libuv reports EACCES for a socket in a missing directory; Python (and the user) want ENOENT. */
function explainPipeError(err: NodeJS.ErrnoException, path: string): NodeJS.ErrnoException {
  if (err.code !== 'EACCES') return err;
  try {
    statSync(dirname(path));
    return err;
  } catch (statErr) {
    return statErr as NodeJS.ErrnoException;
  }
}

/** sun_path holds 108 bytes including the terminating NUL. */
const MAX_SOCKET_PATH_BYTES = 107;

export interface UnixListenOptions {
  file: string;
  chmod: number;
  chown: { uid: number; gid: number } | null;
}

/** Listens on a unix socket; returns the socket's inode so close() only unlinks our own file. */
export async function listenUnix(server: Server, opts: UnixListenOptions): Promise<number> {
  const temp = `${opts.file}.${process.pid}`;
  // Node silently truncates long socket paths; Python refuses them.
  if (Buffer.byteLength(temp) > MAX_SOCKET_PATH_BYTES) {
    throw new Error('Cannot open an HTTP server: socket.error reported AF_UNIX path too long');
  }
  unlinkQuietly(temp);
  for (;;) {
    try {
      await listen(server, temp);
    } catch (err) {
      throw new Error(bindErrorMessage(explainPipeError(err as NodeJS.ErrnoException, temp)));
    }
    try {
      chmodSync(temp, opts.chmod);
      try {
        linkSync(temp, opts.file);
      } catch {
        // lock contention or a stale socket
        await closeQuietly(server);
        if (await socketInUse(opts.file)) throw new Error(ADDRESS_IN_USE_MESSAGE);
        process.stderr.write(`Unlinking stale socket ${opts.file}\n`);
        unlinkQuietly(opts.file);
        await sleep(300);
        continue;
      }
      if (opts.chown) chownSocket(opts.file, opts.chown);
      return statSync(opts.file).ino;
    } catch (err) {
      await closeQuietly(server);
      throw err;
    } finally {
      unlinkQuietly(temp);
    }
  }
}

function chownSocket(file: string, owner: { uid: number; gid: number }): void {
  try {
    chownSync(file, owner.uid, owner.gid);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') throw err;
    unlinkQuietly(file);
    throw new Error(
      `Not permitted to chown ${file} to uid/gid (${owner.uid}, ${owner.gid}); adjust "sockchown" value in config ` +
        `file or on command line to values that the current user (${userInfo().username}) can successfully chown`,
    );
  }
}

/** Removes the socket file at close, unless another server has replaced it meanwhile. */
export function unlinkIfOurs(file: string, ino: number): void {
  try {
    if (statSync(file).ino === ino) unlinkSync(file);
  } catch {
    /* gone already */
  }
}

export async function listenInet(server: Server, host: string, port: number): Promise<void> {
  try {
    // Supervisor binds AF_INET only (a name resolves to its IPv4 address); '' is every IPv4 interface
    const address = host === '' ? '0.0.0.0' : await resolveIPv4(host);
    await listen(server, { host: address, port });
  } catch (err) {
    throw new Error(bindErrorMessage(err as NodeJS.ErrnoException));
  }
}
