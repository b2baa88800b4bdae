// For exit paths that cannot await (process.exit, fatal errors): write every queued log byte now.
import { flushAllFilesSync } from './rotating-file.js';
import { flushAllSharedSinksSync } from './shared-sink.js';

export function flushAllLogsSync(): void {
  flushAllFilesSync();
  flushAllSharedSinksSync();
}
