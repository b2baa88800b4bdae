// reload, shutdown, version, open, quit/exit/EOF.
import { RpcFaultError, RpcConnectionError } from '../../rpc/client.js';
import type { Controller } from '../controller.js';
import { ExitStatus, Fault } from '../codes.js';
import { rejectArguments } from './config.js';
import { doStatus } from './status.js';

/** In the shell, asks before a destructive action; on the command line the answer is always yes. */
async function confirmed(ctl: Controller, question: string): Promise<boolean> {
  if (!ctl.options.interactive) return true;
  const answer = await ctl.io.readLine(question);
  return (answer ?? '').toLowerCase().startsWith('y');
}

export async function doShutdown(ctl: Controller, arg: string): Promise<void> {
  if (!rejectArguments(ctl, 'shutdown', arg)) return;
  if (!(await confirmed(ctl, 'Really shut the remote supervisord process down y/N? '))) return;
  try {
    await ctl.call('supervisor.shutdown');
  } catch (err) {
    if (err instanceof RpcFaultError) {
      if (err.faultCode === Fault.SHUTDOWN_STATE) {
        ctl.output('ERROR: already shutting down');
        return;
      }
      ctl.exitstatus = ExitStatus.GENERIC;
      throw err;
    }
    if (err instanceof RpcConnectionError) {
      ctl.exitstatus = ExitStatus.GENERIC;
      const why = { ECONNREFUSED: 'refused connection', ENOENT: 'no such file' }[err.code];
      if (why) {
        ctl.output(`ERROR: ${ctl.options.serverurl} ${why} (already shut down?)`);
        return;
      }
    }
    throw err;
  }
  ctl.output('Shut down');
}

export async function doReload(ctl: Controller, arg: string): Promise<void> {
  if (!rejectArguments(ctl, 'reload', arg)) return;
  if (!(await confirmed(ctl, 'Really restart the remote supervisord process y/N? '))) return;
  try {
    await ctl.call('supervisor.restart');
  } catch (err) {
    if (!(err instanceof RpcFaultError)) throw err;
    ctl.exitstatus = ExitStatus.GENERIC;
    if (err.faultCode !== Fault.SHUTDOWN_STATE) throw err;
    ctl.output('ERROR: already shutting down');
    return;
  }
  ctl.output('Restarted supervisord');
}

export async function doVersion(ctl: Controller, arg: string): Promise<void> {
  if (!rejectArguments(ctl, 'version', arg)) return;
  if (!(await ctl.upcheck())) return;
  ctl.output(String(await ctl.call('supervisor.getSupervisorVersion')));
}

/** Switches to another server, then shows its status (without letting status change the exit code). */
export async function doOpen(ctl: Controller, arg: string): Promise<void> {
  const url = arg.trim();
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url)?.[1]?.toLowerCase();
  if (scheme !== 'unix' && scheme !== 'http') {
    ctl.output('ERROR: url must be http:// or unix://');
    ctl.exitstatus = ExitStatus.GENERIC;
    return;
  }
  ctl.options.serverurl = url;
  ctl.resetConnection();
  const before = ctl.exitstatus;
  await doStatus(ctl, '');
  ctl.exitstatus = before;
}

export async function doQuit(ctl: Controller): Promise<'quit'> {
  ctl.output('');
  return 'quit';
}
