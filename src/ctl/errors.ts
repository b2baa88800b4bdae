// Error types that end supervisorctl before any command runs.

/** A usage error: printed as "Error: <msg>" + "For help, use <prog> -h" on stderr, exit 2. */
export class CtlUsageError extends Error {
  override name = 'CtlUsageError';
}

/** -h / -?: print the usage text on stdout and exit 0. */
export class CtlHelpRequested extends Error {
  override name = 'CtlHelpRequested';
}
