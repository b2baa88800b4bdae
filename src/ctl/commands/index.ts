// The command table: Supervisor's default commands, plus our extensions.
import type { CommandHandler, CommandTable } from '../controller.js';
import { doStart, doStop, doRestart, doSignal, doClear } from './process-control.js';
import { doStatus, doPid } from './status.js';
import { doTail, doMaintail, doFg } from './logs.js';
import { doAvail, doReread, doUpdate, doAdd, doRemove } from './config.js';
import { doShutdown, doReload, doVersion, doOpen, doQuit } from './server.js';
import { doHelp } from './help.js';
import { doWait } from './wait.js';

const COMMANDS: Record<string, CommandHandler> = {
  add: doAdd,
  avail: doAvail,
  clear: doClear,
  exit: doQuit,
  fg: doFg,
  help: doHelp,
  maintail: doMaintail,
  open: doOpen,
  pid: doPid,
  quit: doQuit,
  reload: doReload,
  remove: doRemove,
  reread: doReread,
  restart: doRestart,
  shutdown: doShutdown,
  signal: doSignal,
  start: doStart,
  status: doStatus,
  stop: doStop,
  tail: doTail,
  update: doUpdate,
  version: doVersion,
  wait: doWait,
  EOF: doQuit,
};

export const commandTable: CommandTable = {
  lookup: (name) => (Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined),
};

/** Words TAB completes at the start of a line (Supervisor offers the help topics plus `help`). */
export const COMPLETABLE_ACTIONS: readonly string[] = Object.keys(COMMANDS).filter((n) => n !== 'EOF').sort();
