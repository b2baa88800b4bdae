// Entry point of supervisorctl: options, then one command (exit with its status) or the shell (exit 0).
import { parseCtlArgs, type CtlOptions } from '../ctl/options.js';
import { CtlUsageError, CtlHelpRequested } from '../ctl/errors.js';
import { Controller } from '../ctl/controller.js';
import { commandTable, COMPLETABLE_ACTIONS } from '../ctl/commands/index.js';
import { getAllProcessInfo } from '../ctl/commands/status.js';
import { TerminalIO } from '../ctl/terminal.js';
import { makeCompleter } from '../ctl/completion.js';
import { runShell, loadHistory, saveHistory } from '../ctl/shell.js';
import type { ProcessInfo } from '../ctl/namespec.js';

const scriptPath = process.argv[1] ?? 'supervisorctl';

function readOptions(): CtlOptions {
  try {
    return parseCtlArgs(process.argv.slice(2), scriptPath);
  } catch (err) {
    if (err instanceof CtlHelpRequested) {
      process.stdout.write(`${err.message}\n`);
      process.exit(0);
    }
    if (err instanceof CtlUsageError) {
      process.stderr.write(`Error: ${err.message}\nFor help, use ${scriptPath} -h\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** Exits once stdout has been flushed (a pipe reader must see every line). */
function exitAfterFlush(status: number): void {
  process.stdout.write('', () => process.exit(status));
}

async function main(): Promise<void> {
  const options = readOptions();
  // `supervisorctl tail -f x | head`: the reader went away, nothing more to say
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
  let completionCache: Promise<ProcessInfo[]> | null = null;
  let controller: Controller | null = null;
  const io = new TerminalIO({
    input: process.stdin,
    output: process.stdout,
    errorOutput: process.stderr,
    completer: makeCompleter(COMPLETABLE_ACTIONS, () => {
      completionCache ??= getAllProcessInfo(controller as Controller);
      return completionCache;
    }),
    history: options.args.length === 0 ? loadHistory(options.historyFile) : [],
    onUnhandledInterrupt: () => {
      // ^C outside a command that handles it leaves supervisorctl (the shell with status 0)
      process.stdout.write('\n');
      if (options.args.length === 0) saveHistory(options.historyFile, io.history());
      exitAfterFlush(options.args.length === 0 ? 0 : 130);
    },
  });
  controller = new Controller(options, io, commandTable);

  if (options.args.length > 0) {
    await controller.onecmd(options.args.join(' '));
    io.close();
    exitAfterFlush(controller.exitstatus);
    return;
  }
  await runShell(controller, io, () => {
    completionCache = null;
  });
  saveHistory(options.historyFile, io.history());
  io.close();
  exitAfterFlush(0);
}

main().catch((err: unknown) => {
  process.stdout.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
