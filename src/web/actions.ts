// Web UI actions, carried out through the XML-RPC methods exactly as Supervisor's web.py does,
// and turned into the status message shown after the redirect.
import { ctime } from '../python/time.js';

/** Calls a method of the RPC layer in-process; rejects with an error carrying faultCode/faultString. */
export type RpcCaller = (method: string, params: unknown[]) => Promise<unknown>;

const FAULT = { BAD_NAME: 10, NO_FILE: 20, NOT_EXECUTABLE: 21, ABNORMAL_TERMINATION: 40, SPAWN_ERROR: 50, ALREADY_STARTED: 60 } as const;

interface FaultLike { faultCode: number; faultString: string }

function asFault(err: unknown): FaultLike | null {
  if (err && typeof err === 'object') {
    const e = err as Record<string, unknown>;
    const code = e.faultCode ?? e.code;
    const text = e.faultString ?? e.text ?? e.message;
    if (typeof code === 'number') return { faultCode: code, faultString: String(text ?? '') };
  }
  return null;
}

function unexpected(f: FaultLike): string {
  return `unexpected rpc fault [${f.faultCode}] ${f.faultString}`;
}

async function startAction(rpc: RpcCaller, ns: string): Promise<string> {
  try {
    await rpc('supervisor.startProcess', [ns, true]);
    return `Process ${ns} started`;
  } catch (err) {
    const f = asFault(err);
    if (!f) throw err;
    const why: Record<number, string> = {
      [FAULT.NO_FILE]: 'no such file',
      [FAULT.NOT_EXECUTABLE]: 'file not executable',
      [FAULT.ALREADY_STARTED]: 'already started',
      [FAULT.SPAWN_ERROR]: 'spawn error',
      [FAULT.ABNORMAL_TERMINATION]: 'abnormal termination',
    };
    return `ERROR: Process ${ns}: ${why[f.faultCode] ?? unexpected(f)}`;
  }
}

async function guarded(run: () => Promise<string>): Promise<string> {
  try {
    return await run();
  } catch (err) {
    const f = asFault(err);
    if (!f) throw err;
    return unexpected(f);
  }
}

/** Runs one action of the status page and returns the message to display. */
export async function runAction(rpc: RpcCaller, action: string, namespec: string | null): Promise<string> {
  switch (action) {
    case 'refresh':
      return `Page refreshed at ${ctime()}`;
    case 'stopall':
      await rpc('supervisor.stopAllProcesses', [true]);
      return `All stopped at ${ctime()}`;
    case 'restartall':
      await rpc('supervisor.stopAllProcesses', [true]);
      await rpc('supervisor.startAllProcesses', [true]);
      return `All restarted at ${ctime()}`;
  }
  if (!namespec) return `No such process named ${namespec ?? ''}`;
  try {
    await rpc('supervisor.getProcessInfo', [namespec]);
  } catch (err) {
    const f = asFault(err);
    if (f?.faultCode === FAULT.BAD_NAME) return `No such process named ${namespec}`;
    throw err;
  }
  switch (action) {
    case 'start':
      return startAction(rpc, namespec);
    case 'stop':
      return guarded(async () => {
        await rpc('supervisor.stopProcess', [namespec, true]);
        return `Process ${namespec} stopped`;
      });
    case 'restart':
      // Supervisor runs stop+start as a multicall and ignores the individual results.
      await rpc('supervisor.stopProcess', [namespec, true]).catch(() => undefined);
      await rpc('supervisor.startProcess', [namespec, true]).catch(() => undefined);
      return `Process ${namespec} restarted`;
    case 'clearlog':
      return guarded(async () => {
        await rpc('supervisor.clearProcessLogs', [namespec]);
        return `Log for ${namespec} cleared`;
      });
    default:
      throw new UnknownActionError(action);
  }
}

export class UnknownActionError extends Error {
  constructor(action: string) {
    super(`unknown action ${action}`);
  }
}
