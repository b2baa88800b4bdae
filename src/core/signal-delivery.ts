// kill(2) with Supervisor's error handling: ESRCH means the child just exited on its own (reaping will
// fix the state), anything else is an "unknown problem" that puts the process in UNKNOWN.
import type { MainLogger } from '../logging/api.js';
import type { ProcessLauncher } from './ports.js';

export type Delivery = { ok: true } | { ok: false; message: string };

export function deliverSignal(launcher: ProcessLauncher, logger: MainLogger, who: { name: string; pid: number },
  target: number, signo: number, purpose: 'killing' | 'sending sig'): Delivery {
  try {
    launcher.kill(target, signo);
    return { ok: true };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') {
      logger.debug(`unable to signal ${who.name} (pid ${who.pid}), it probably just exited on its own: ${String(err)}`);
      return { ok: true };
    }
    const message = `unknown problem ${purpose} ${who.name} (${who.pid}):${String(err)}`;
    logger.critical(message);
    return { ok: false, message };
  }
}
