// Supervisor closes fds 3..minfds-1 in every child, so nothing supervisord inherited (from a shell, a
// service manager, a container runtime) leaks into programs. Node opens its own files close-on-exec;
// marking every other fd >= 3 close-on-exec before a spawn gives the same result.
import { readdirSync } from 'node:fs';
import { setCloseOnExec } from './ffi.js';

/** Mark every open fd >= 3 close-on-exec; returns the fds that were changed. */
export function closeInheritedFdsOnExec(): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc/self/fd');
  } catch {
    return [];
  }
  const changed: number[] = [];
  for (const entry of entries) {
    const fd = Number(entry);
    if (!Number.isInteger(fd) || fd < 3) continue;
    try {
      if (setCloseOnExec(fd)) changed.push(fd);
    } catch {
      // the fd used to list the directory is already closed again
    }
  }
  return changed;
}
