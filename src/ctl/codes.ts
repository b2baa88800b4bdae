// Exit statuses (LSB init-script conventions, as Supervisor 4 uses them) and the XML-RPC fault codes
// supervisorctl reacts to.

export const ExitStatus = {
  SUCCESS: 0,
  GENERIC: 1,
  INVALID_ARGS: 2,
  UNIMPLEMENTED_FEATURE: 3,
  INSUFFICIENT_PRIVILEGES: 4,
  NOT_INSTALLED: 5,
  NOT_RUNNING: 7,
} as const;

/** `status` reports with its own codes (LSB status actions). */
export const StatusExitStatus = {
  NOT_RUNNING: 3,
  UNKNOWN: 4,
} as const;

/** The fault catalogue is shared with the server side. */
import { Faults as Fault } from '../rpc/faults.js';
export { Fault };

/** Result faults that mean "the program is not running" (exit 7). */
export const DEAD_PROGRAM_FAULTS: ReadonlySet<number> = new Set([
  Fault.SPAWN_ERROR,
  Fault.ABNORMAL_TERMINATION,
  Fault.NOT_RUNNING,
]);
