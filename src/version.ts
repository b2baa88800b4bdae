/** The Supervisor version we are compatible with; what getSupervisorVersion and -v report. */
export const SUPERVISOR_VERSION = '4.2.5';
/** XML-RPC API version; supervisorctl refuses any other. */
export const API_VERSION = '3.0';
/** This package's own version. */
export const PACKAGE_VERSION = '0.1.0';
