// supervisord's pidfile: `<pid>\n`, written after daemonizing (and after each reload), unlinked on exit.
import { unlinkSync, writeFileSync } from 'node:fs';
import type { MainLogger } from '../logging/api.js';

export function writePidfile(file: string, pid: number, log: MainLogger): boolean {
  try {
    try { unlinkSync(file); } catch { /* not there yet */ }
    writeFileSync(file, `${pid}\n`);
  } catch {
    log.critical(`could not write pidfile ${file}`);
    return false;
  }
  log.info(`supervisord started with pid ${pid}`);
  return true;
}

export function removePidfile(file: string): void {
  try { unlinkSync(file); } catch { /* already gone */ }
}
