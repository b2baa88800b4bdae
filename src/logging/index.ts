// Everything the rest of supervisor-ts uses from logging/.
export type { MainLogger, OutputChannel, OutputChannelOptions } from './api.js';
export { LOG_LEVELS } from './api.js';
export { MainLog, createMainLogger, type MainLogOptions } from './main-log.js';
export { ProcessOutputChannel, createOutputChannel, type OutputChannelDeps } from './output-channel.js';
export { RotatingFile, waitForPendingWrites, type RotatingFileOptions } from './rotating-file.js';
export { consoleSink } from './shared-sink.js';
export { flushAllLogsSync } from './exit-flush.js';
export { syslogAvailable } from './syslog.js';
export { autoLogPath, autoLogPattern, cleanupAutoLogs } from './auto-log.js';
export { stripAnsi } from './ansi.js';
export { asctime, formatMainLogLine } from './format.js';
export { readLog, tailLog, tailWindow, LogReadError, BadArgumentsError, NoFileError, FailedError } from './log-read.js';
export type { LogFaultName, TailResult } from './log-read.js';
export { followFile, TRUNCATED_NOTICE, type FollowOptions } from './log-follow.js';
