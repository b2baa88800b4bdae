// Orphans: as PID 1 (containers) supervisord inherits every orphaned process and must reap it; otherwise
// we make ourselves a child subreaper so orphans of our children come to us (and are reaped) instead of
// escaping to init. The reaper itself (src/os/reaper.ts) never takes the status of a child Node waits for.
// TODO(core): static import once src/os/reaper.ts has landed.
import type { MainLogger } from '../logging/api.js';
import { isSpawnedChild } from '../process/spawn.js';

export interface OrphanReaping {
  stop(): void;
}

interface ReaperModule {
  startReaper(opts: { isOwnChild(pid: number): boolean; log(message: string): void }): { stop(): void };
}

interface FfiModule {
  ffiAvailable(): boolean;
  setChildSubreaper(on?: boolean): void;
}

export function startOrphanReaping(logger: MainLogger): OrphanReaping {
  let reaper: { stop(): void } | null = null;
  let stopped = false;
  void (async () => {
    let mod: ReaperModule;
    try {
      mod = (await import('../os/reaper.js' as string)) as ReaperModule;
    } catch {
      logger.debug('orphan reaper not available');
      return;
    }
    if (stopped) return;
    const ffi = (await import('../os/ffi.js')) as FfiModule;
    if (process.pid !== 1 && ffi.ffiAvailable()) {
      try {
        ffi.setChildSubreaper(true);
      } catch (err) {
        logger.debug(`could not become a child subreaper: ${String(err)}`);
      }
    }
    reaper = mod.startReaper({ isOwnChild: isSpawnedChild, log: (m) => logger.info(m) });
  })();
  return {
    stop() {
      stopped = true;
      reaper?.stop();
    },
  };
}
