// tail, maintail and fg: read a log once over XML-RPC, or follow it over the HTTP logtail stream.
import { RpcFaultError, openLogStream, type LogStream } from '../../rpc/client.js';
import { pyRepr } from '../../python/repr.js';
import { parsePythonInt } from '../../python/int.js';
import { ProcessState } from '../../core/states.js';
import type { Controller } from '../controller.js';
import { ExitStatus, Fault } from '../codes.js';
import { asStruct, type ProcessInfo } from '../namespec.js';
import { printHelp } from './help.js';
import { words } from './process-control.js';

const DEFAULT_TAIL_BYTES = 1600;

/** supervisorctl asks for the last N bytes as offset -N, length 0. */
function lastBytesOffset(bytes: number): number {
  return bytes === 0 ? 0 : -bytes;
}

function openStream(ctl: Controller, path: string): LogStream {
  return openLogStream(ctl.options, path, {
    onData: (chunk) => ctl.io.write(chunk.toString('utf8')),
    onError: (message) => ctl.io.writeErr(`${message}\n`),
  });
}

/** Follows a log until the server ends it or the user presses ^C. */
async function follow(ctl: Controller, path: string): Promise<void> {
  ctl.output('==> Press Ctrl-C to exit <==');
  const stream = openStream(ctl, path);
  let interrupted = false;
  const stopListening = ctl.io.onInterrupt(() => {
    interrupted = true;
    stream.close();
  });
  try {
    await stream.done;
  } finally {
    stopListening();
  }
  if (interrupted) ctl.output('');
}

async function printLogRead(
  ctl: Controller,
  who: string,
  read: () => Promise<unknown>,
  handledFaults: Record<number, string>,
): Promise<void> {
  let text: unknown;
  try {
    text = await read();
  } catch (err) {
    ctl.exitstatus = ExitStatus.GENERIC;
    if (err instanceof RpcFaultError && handledFaults[err.faultCode] !== undefined) {
      ctl.output(`${who}: ERROR (${handledFaults[err.faultCode]})`);
      return;
    }
    throw err;
  }
  ctl.output(String(text));
}

export async function doTail(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const args = words(arg);
  if (args.length < 1 || args.length > 3) {
    ctl.output(args.length < 1 ? 'Error: too few arguments' : 'Error: too many arguments');
    ctl.exitstatus = ExitStatus.GENERIC;
    printHelp(ctl, 'tail');
    return;
  }
  const modifier = args[0].startsWith('-') ? (args.shift() as string) : null;
  let name: string;
  let channel = 'stdout';
  if (args.length === 1) {
    name = args[0];
  } else if (args.length > 0) {
    name = args[0];
    channel = args[args.length - 1].toLowerCase();
    if (channel !== 'stdout' && channel !== 'stderr') {
      ctl.output(`Error: bad channel ${pyRepr(channel)}`);
      ctl.exitstatus = ExitStatus.GENERIC;
      return;
    }
  } else {
    ctl.output('Error: tail requires process name');
    ctl.exitstatus = ExitStatus.GENERIC;
    return;
  }

  let bytes: number | 'follow' = DEFAULT_TAIL_BYTES;
  if (modifier !== null) {
    const what = modifier.slice(1);
    const n = what === 'f' ? 'follow' : parsePythonInt(what);
    if (n === null) {
      ctl.output(`Error: bad argument ${modifier}`);
      ctl.exitstatus = ExitStatus.GENERIC;
      return;
    }
    bytes = n;
  }
  if (bytes === 'follow') {
    await follow(ctl, `/logtail/${name}/${channel}`);
    return;
  }
  const method = channel === 'stdout' ? 'supervisor.readProcessStdoutLog' : 'supervisor.readProcessStderrLog';
  const offset = lastBytesOffset(bytes);
  await printLogRead(ctl, name, () => ctl.call(method, name, offset, 0), {
    [Fault.NO_FILE]: 'no log file',
    [Fault.FAILED]: 'unknown error reading log',
    [Fault.BAD_NAME]: 'no such process name',
  });
}

export async function doMaintail(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const args = words(arg);
  if (args.length > 1) {
    ctl.output('Error: too many arguments');
    ctl.exitstatus = ExitStatus.GENERIC;
    printHelp(ctl, 'maintail');
    return;
  }
  let bytes = DEFAULT_TAIL_BYTES;
  if (args.length === 1) {
    const n = args[0].startsWith('-') ? args[0].slice(1) : null;
    if (n === 'f') {
      await follow(ctl, '/mainlogtail');
      return;
    }
    const parsed = n === null ? null : parsePythonInt(n);
    if (parsed === null) {
      ctl.output(`Error: bad argument ${args[0]}`);
      ctl.exitstatus = ExitStatus.GENERIC;
      return;
    }
    bytes = parsed;
  }
  const offset = lastBytesOffset(bytes);
  await printLogRead(ctl, 'supervisord', () => ctl.call('supervisor.readLog', offset, 0), {
    [Fault.NO_FILE]: 'no log file',
    [Fault.FAILED]: 'unknown error reading log',
  });
}

async function processInfo(ctl: Controller, name: string): Promise<ProcessInfo> {
  return asStruct<ProcessInfo>(await ctl.call('supervisor.getProcessInfo', name), 'getProcessInfo');
}

export async function doFg(ctl: Controller, arg: string): Promise<void> {
  if (!(await ctl.upcheck())) return;
  const names = words(arg);
  if (names.length === 0) {
    ctl.output('ERROR: no process name supplied');
    ctl.exitstatus = ExitStatus.GENERIC;
    printHelp(ctl, 'fg');
    return;
  }
  if (names.length > 1) {
    ctl.output('ERROR: too many process names supplied');
    ctl.exitstatus = ExitStatus.GENERIC;
    return;
  }
  const name = names[0];
  let info: ProcessInfo;
  try {
    info = await processInfo(ctl, name);
  } catch (err) {
    if (!(err instanceof RpcFaultError)) throw err;
    if (err.faultCode === Fault.BAD_NAME) {
      ctl.output('ERROR: bad process name supplied');
      ctl.exitstatus = ExitStatus.GENERIC;
    } else {
      ctl.output(`ERROR: ${err.message}`);
    }
    return;
  }
  if (info.state !== ProcessState.RUNNING) {
    ctl.output('ERROR: process not running');
    ctl.exitstatus = ExitStatus.GENERIC;
    return;
  }
  ctl.output('==> Press Ctrl-C to exit <==');
  await foreground(ctl, name);
}

/** Streams the process' output while forwarding each typed line to its stdin, until ^C, EOF or its death. */
async function foreground(ctl: Controller, name: string): Promise<void> {
  const streams = [openStream(ctl, `/logtail/${name}/stdout`), openStream(ctl, `/logtail/${name}/stderr`)];
  let interrupt: () => void = () => {};
  const interrupted = new Promise<null>((resolve) => {
    interrupt = () => resolve(null);
  });
  const stopListening = ctl.io.onInterrupt(interrupt);
  try {
    for (;;) {
      const typed = await Promise.race([ctl.io.readLine(''), interrupted]);
      if (typed === null) {
        ctl.output('Exiting foreground');
        return;
      }
      try {
        await ctl.call('supervisor.sendProcessStdin', name, `${typed}\n`);
      } catch (err) {
        if (!(err instanceof RpcFaultError)) throw err;
        ctl.output(err.faultCode === Fault.NOT_RUNNING ? 'Process got killed' : `ERROR: ${err.message}`);
        ctl.output('Exiting foreground');
        return;
      }
      if ((await processInfo(ctl, name)).state !== ProcessState.RUNNING) {
        ctl.output('Process got killed');
        ctl.output('Exiting foreground');
        return;
      }
    }
  } finally {
    stopListening();
    for (const stream of streams) stream.close();
  }
}
