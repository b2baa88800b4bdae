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

export const Fault = {
  UNKNOWN_METHOD: 1,
  INCORRECT_PARAMETERS: 2,
  BAD_ARGUMENTS: 3,
  SIGNATURE_UNSUPPORTED: 4,
  SHUTDOWN_STATE: 6,
  BAD_NAME: 10,
  BAD_SIGNAL: 11,
  NO_FILE: 20,
  NOT_EXECUTABLE: 21,
  FAILED: 30,
  ABNORMAL_TERMINATION: 40,
  SPAWN_ERROR: 50,
  ALREADY_STARTED: 60,
  NOT_RUNNING: 70,
  SUCCESS: 80,
  ALREADY_ADDED: 90,
  STILL_RUNNING: 91,
  CANT_REREAD: 92,
} as const;

/** Result faults that mean "the program is not running" (exit 7). */
export const DEAD_PROGRAM_FAULTS: ReadonlySet<number> = new Set([
  Fault.SPAWN_ERROR,
  Fault.ABNORMAL_TERMINATION,
  Fault.NOT_RUNNING,
]);
