// Orphans: as PID 1 (containers) supervisord inherits every orphaned process and must reap it; otherwise
// it makes itself a child subreaper so orphans of its children come to it (and are reaped) instead of
// escaping to init. The reaper never takes the status of a child Node itself waits for.
import type { MainLogger } from '../logging/api.js';
import { ffiAvailable } from '../os/ffi.js';
import { startReaper } from '../os/reaper.js';
import { isSpawnedChild } from '../process/spawn.js';

export interface OrphanReaping {
  stop(): void;
}

export function startOrphanReaping(logger: MainLogger): OrphanReaping {
  if (!ffiAvailable()) {
    logger.warn('native helpers unavailable: orphaned processes will not be reaped');
    return { stop: () => undefined };
  }
  try {
    return startReaper({ isOwnChild: isSpawnedChild, log: (m) => logger.info(m), subreaper: process.pid !== 1 });
  } catch (err) {
    logger.warn(`could not start the orphan reaper: ${String(err)}`);
    return { stop: () => undefined };
  }
}
