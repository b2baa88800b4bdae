// Our own help texts. The command list printed by a bare `help` matches Supervisor's layout (the
// default block); our extension commands get a second block, the way Supervisor shows ctlplugin commands.

export const USAGE_TEXT = `supervisorctl -- talk to a running supervisord from the command line.

Usage: supervisorctl [options] [action [arguments]]

Options:
-c/--configuration FILENAME -- read this configuration file (default: search the usual places)
-h/--help -- show this message and exit
-i/--interactive -- open the interactive shell (without an action it always opens)
-s/--serverurl URL -- where supervisord listens: unix:///path/to/socket or http://host:port
     (default "http://localhost:9001").
-u/--username USERNAME -- user name for servers that require authentication
-p/--password PASSWORD -- password for servers that require authentication
-r/--history-file -- readline history file (only the [supervisorctl] history_file key is used)

action [arguments] -- see "help" for the list of actions

Without an action an interactive shell starts; type "help" there to list the actions,
"help <action>" to learn about one.
`;

/** Help lines for each command in the default block (the header list is derived from these keys). */
export const DEFAULT_COMMAND_HELP: Record<string, string[]> = {
  add: ['add <name> [...]\tActivate a process group that reread found in the config'],
  avail: ['avail\t\t\tList every configured process and whether it is in use'],
  clear: [
    "clear <name>\t\tEmpty a process' log files.",
    "clear <name> <name>\tEmpty the log files of several processes",
    'clear all\t\tEmpty the log files of every process',
  ],
  exit: ['exit\tLeave the supervisorctl shell.'],
  fg: ['fg <process>\tAttach to a running process: see its output, type its input', '\t\tCtrl-C detaches'],
  maintail: [
    'maintail -f \tFollow the supervisord main log (Ctrl-C to stop)',
    'maintail -100\tShow the last 100 *bytes* of the supervisord main log',
    'maintail\tShow the last 1600 *bytes* of the supervisord main log',
    '',
  ],
  open: ['open <url>\tTalk to another supervisord from now on.', '\t\t(a UNIX domain socket is written unix:///socket/path)'],
  pid: [
    'pid\t\t\tShow the PID of supervisord.',
    'pid <name>\t\tShow the PID of one child process.',
    'pid all\t\t\tShow the PID of every child process, one per line.',
  ],
  quit: ['quit\tLeave the supervisorctl shell.'],
  reload: ['reload \t\tRestart supervisord itself (rereads its configuration).'],
  remove: ['remove <name> [...]\tDrop a stopped process group from the running set'],
  reread: ["reread \t\t\tRead the configuration again and report what changed (nothing is applied)"],
  restart: [
    'restart <name>\t\tStop then start a process',
    'restart <gname>:*\tStop then start every process of a group',
    'restart <name> <name>\tStop then start several processes or groups',
    'restart all\t\tStop then start every process',
    'Note: restart uses the configuration already loaded; use reread and update for changes.',
  ],
  shutdown: ['shutdown \tStop supervisord and everything it runs.'],
  signal: [
    'signal <signal name> <name>\t\tSend a signal to a process',
    'signal <signal name> <gname>:*\t\tSend a signal to every process of a group',
    'signal <signal name> <name> <name>\tSend a signal to several processes or groups',
    'signal <signal name> all\t\tSend a signal to every process',
  ],
  start: [
    'start <name>\t\tStart a process',
    'start <gname>:*\t\tStart every process of a group',
    'start <name> <name>\tStart several processes or groups',
    'start all\t\tStart every process',
  ],
  status: [
    'status <name>\t\tShow the state of one process',
    'status <gname>:*\tShow the state of every process of a group',
    'status <name> <name>\tShow the state of several processes',
    'status\t\t\tShow the state of every process',
  ],
  stop: [
    'stop <name>\t\tStop a process',
    'stop <gname>:*\t\tStop every process of a group',
    'stop <name> <name>\tStop several processes or groups',
    'stop all\t\tStop every process',
  ],
  tail: [
    'tail [-f] <name> [stdout|stderr] (default stdout)',
    'Ex:',
    'tail -f <name>\t\tFollow the stdout log of a process',
    '\t\t\tCtrl-C stops following.',
    'tail -100 <name>\tThe last 100 *bytes* of its stdout log',
    'tail <name> stderr\tThe last 1600 *bytes* of its stderr log',
  ],
  update: [
    'update\t\t\tRead the configuration and apply it: add, remove and restart changed groups',
    'update all\t\tSame as update',
    'update <gname> [...]\tApply the configuration to these groups only',
  ],
  version: ['version\t\t\tShow the version of the supervisord we talk to'],
};

/** Commands that are ours, not Supervisor's: shown in their own block of `help`. */
export const EXTENSION_COMMAND_HELP: Record<string, string[]> = {
  wait: [
    'wait [--timeout SECONDS] <name|gname:*|all> ...',
    '\t\t\tBlock until every named process is RUNNING (exit 0).',
    '\t\t\tExit 1 when one of them goes FATAL or the timeout passes,',
    '\t\t\tlisting the processes that are not RUNNING.',
    '\t\t\tWithout --timeout it waits for ever.',
  ],
};

export const HELP_HELP = ['help\t\tList the available actions', 'help <action>\tExplain <action>'];

export const DEFAULT_BLOCK_HEADER = 'default commands (type help <topic>):';
export const EXTENSION_BLOCK_HEADER = 'supervisor-ts commands (type help <topic>):';

/**
 * Lays words out in as few rows as fit `width` columns, filling column by column, two spaces between
 * columns (the same layout as Python's cmd.Cmd.columnize, so `help` looks the same).
 */
export function columnize(words: readonly string[], width: number): string[] {
  if (words.length === 0) return ['<empty>'];
  if (words.length === 1) return [words[0]];
  let rows = words.length;
  let widths: number[] = [Math.max(...words.map((w) => w.length))];
  for (let tryRows = 1; tryRows < words.length; tryRows++) {
    const cols = Math.ceil(words.length / tryRows);
    const colWidths: number[] = [];
    let total = -2;
    for (let c = 0; c < cols; c++) {
      const column = words.slice(c * tryRows, (c + 1) * tryRows);
      const w = Math.max(0, ...column.map((x) => x.length));
      colWidths.push(w);
      total += w + 2;
      if (total > width) break;
    }
    if (total <= width) {
      rows = tryRows;
      widths = colWidths;
      break;
    }
  }
  if (rows === words.length) widths = [0];
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < widths.length; c++) cells.push(words[r + c * rows] ?? '');
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    lines.push(cells.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  }
  return lines;
}

/** A topic block: header, '=' ruler, the columnized names, then a blank line. */
export function topicBlock(header: string, names: readonly string[]): string[] {
  return [header, '='.repeat(header.length), ...columnize(names, 79), ''];
}
