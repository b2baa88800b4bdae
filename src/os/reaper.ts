// Reaping orphans, as Supervisor's waitpid(-1) loop does when it runs as PID 1 (containers) or as a
// child subreaper. libuv waits only for its own children, so adopted orphans would stay zombies; but a
// blind waitpid(-1) would steal exit statuses libuv is about to collect. So: peek with waitid(WNOWAIT),
// and reap a pid only when it is not one of node's own children.
import { ChildProcess } from 'node:child_process';
import { describeWaitStatus } from '../process/wait-status.js';
import { peekExitedChild, setChildSubreaper, waitpidNoHang } from './ffi.js';

export interface ReaperOptions {
  /** extra "this pid is ours, leave it to libuv" test (node's own children are always recognised) */
  isOwnChild?: (pid: number) => boolean;
  /** receives `reaped unknown pid N (exit status X)` (Supervisor logs it at INFO) */
  log: (message: string) => void;
  /** also become a child subreaper, so orphans of our children come to us even when we are not PID 1 */
  subreaper?: boolean;
}

export interface Reaper {
  /** Reap every exited orphan now; returns how many were reaped. Cheap to call on every tick. */
  reapNow(): number;
  stop(): void;
}

// a pid the kernel keeps returning first while libuv has not collected it yet: retry shortly after
const RETRY_MS = 50;
const MAX_PER_PASS = 100;

const nodeChildren = new Set<number>();
let trackingInstalled = false;

/**
 * Record every child node starts (spawn, exec, execFile, fork all go through ChildProcess#spawn),
 * so the reaper never takes one of them, whoever started it.
 */
function trackNodeChildren(): void {
  if (trackingInstalled) return;
  trackingInstalled = true;
  // ChildProcess#spawn is node-internal (present in node 20); without it only isOwnChild protects pids
  const proto = ChildProcess.prototype as unknown as { spawn?: (this: ChildProcess, ...args: unknown[]) => unknown };
  const original = proto.spawn;
  if (typeof original !== 'function') return;
  proto.spawn = function trackedSpawn(this: ChildProcess, ...args: unknown[]): unknown {
    const result = original.apply(this, args);
    const pid = this.pid;
    if (pid !== undefined) {
      nodeChildren.add(pid);
      this.once('exit', () => nodeChildren.delete(pid));
    }
    return result;
  };
}

export function startReaper(options: ReaperOptions): Reaper {
  trackNodeChildren();
  if (options.subreaper) setChildSubreaper(true);
  const isOwn = (pid: number): boolean => nodeChildren.has(pid) || (options.isOwnChild?.(pid) ?? false);
  let retryTimer: NodeJS.Timeout | null = null;
  let scheduled = false;

  const reapNow = (): number => {
    let reaped = 0;
    for (let i = 0; i < MAX_PER_PASS; i++) {
      const orphan = nextExitedOrphan();
      if (orphan === null) break;
      reaped++;
      options.log(`reaped unknown pid ${orphan.pid} (${describeWaitStatus(orphan.status).description})`);
    }
    return reaped;
  };

  /** Reap one exited child that is not node's; null when there is none (or only node's own for now). */
  function nextExitedOrphan(): { pid: number; status: number } | null {
    try {
      const peek = peekExitedChild();
      if (!peek) return null;
      if (isOwn(peek.pid)) {
        scheduleRetry();
        return null;
      }
      return waitpidNoHang(peek.pid);
    } catch {
      // e.g. ECHILD when the pid went away between peek and wait: nothing to do this pass
      return null;
    }
  }

  function scheduleRetry(): void {
    if (retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      reapNow();
    }, RETRY_MS);
    retryTimer.unref();
  }

  const onSigchld = (): void => {
    // let libuv's own SIGCHLD handling run first; then look at what is left
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      reapNow();
    });
  };
  process.on('SIGCHLD', onSigchld);
  // orphans that exited before we started listening
  setImmediate(reapNow);

  return {
    reapNow,
    stop() {
      process.off('SIGCHLD', onSigchld);
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
    },
  };
}
