// Supervisor closes fds 3..minfds-1 in every child, so nothing supervisord inherited (from a shell, a
// service manager, a container runtime) leaks into programs. Node opens its own files close-on-exec;
// marking every fd >= 3 close-on-exec before each spawn gives the same result (stdio is dup2'd, unaffected).
import { readdirSync } from 'node:fs';
import { closeRangeOnExec, setCloseOnExec } from './ffi.js';

/** Mark every open fd >= 3 close-on-exec: one close_range call, or a /proc scan on kernels before 5.11. */
export function closeInheritedFdsOnExec(): void {
  try {
    closeRangeOnExec(3);
  } catch {
    markEachFd();
  }
}

function markEachFd(): void {
  let entries: string[];
  try {
    entries = readdirSync('/proc/self/fd');
  } catch {
    return;
  }
  for (const entry of entries) {
    const fd = Number(entry);
    if (!Number.isInteger(fd) || fd < 3) continue;
    try {
      setCloseOnExec(fd);
    } catch {
      // the fd used to list the directory is already closed again
    }
  }
}
