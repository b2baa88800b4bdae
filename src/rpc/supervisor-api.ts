// The supervisor.* namespace (API 3.0) on top of SupervisorFacade: names, signatures and help
// here; the work lives in process-control.ts, log-methods.ts, process-info.ts and config-info.ts.
import { BadNameError, NoStdinError, type SupervisorFacade } from '../core/facade.js';
import { supervisorStateName } from '../core/states.js';
import { API_VERSION, SUPERVISOR_VERSION } from '../version.js';
import { allConfigInfo } from './config-info.js';
import { Faults, RpcFault } from './faults.js';
import { LogMethods } from './log-methods.js';
import { locateProcess, membersLexically } from './namespec.js';
import { ProcessControl, refuseWhileShuttingDown } from './process-control.js';
import { processInfo } from './process-info.js';
import type { ParamSpec, RpcRegistry, WireType } from './registry.js';
import type { XmlRpcValue } from './xmlrpc-values.js';

export interface SupervisorApiOptions {
  facade: SupervisorFacade;
  /** epoch seconds; injectable for tests */
  now?: () => number;
  /** the [rpcinterface:x] section name; Supervisor publishes the methods as x.method */
  namespace?: string;
}

const NAME: ParamSpec = { name: 'name', type: 'string', doc: 'a process name, or group:name' };
const GROUP: ParamSpec = { name: 'name', type: 'string', doc: 'a group name' };
const WAIT: ParamSpec = { name: 'wait', type: 'boolean', optional: true, doc: 'wait until the change is complete (default true)' };
const OFFSET: ParamSpec = { name: 'offset', type: 'int', doc: 'where to start reading' };
const LENGTH: ParamSpec = { name: 'length', type: 'int', doc: 'how many bytes to read (0: up to the end)' };
const SIGNAL: ParamSpec = { name: 'signal', type: 'string', raw: true, doc: 'a signal name (HUP, SIGHUP) or number' };

type Run = (args: XmlRpcValue[]) => XmlRpcValue | Promise<XmlRpcValue>;

function signalArg(value: XmlRpcValue): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new RpcFault(Faults.INCORRECT_PARAMETERS, 'signal must be a string');
}

export function registerSupervisorApi(registry: RpcRegistry, options: SupervisorApiOptions): void {
  const { facade } = options;
  const namespace = options.namespace ?? 'supervisor';
  const now = options.now ?? (() => Date.now() / 1000);
  const control = new ProcessControl(facade);
  const logs = new LogMethods(facade);

  const define = (
    names: string[],
    summary: string,
    params: ParamSpec[],
    returns: WireType,
    returnDoc: string,
    run: Run,
  ): void => {
    for (const name of names) registry.register(`${namespace}.${name}`, { summary, params, returns, returnDoc, run });
  };
  /** Methods that only report something: the shutdown check, then the value. */
  const guarded = (run: Run): Run => (args) => {
    refuseWhileShuttingDown(facade);
    return run(args);
  };

  // ---- status and control of supervisord itself ----
  define(['getAPIVersion', 'getVersion'], 'The version of this XML-RPC API.', [], 'string', 'version the API version',
    guarded(() => API_VERSION));
  define(['getSupervisorVersion'], 'The Supervisor version this daemon is compatible with.', [], 'string',
    'version the package version', guarded(() => SUPERVISOR_VERSION));
  define(['getIdentification'], 'The identifier of this supervisord (the identifier= option).', [], 'string',
    'identifier the identifier', guarded(() => facade.identifier));
  define(['getState'], 'The state of supervisord.', [], 'struct', 'state a struct {statecode: int, statename: string}',
    guarded(() => ({ statecode: facade.state, statename: supervisorStateName(facade.state) })));
  define(['getPID'], 'The process id of supervisord.', [], 'int', 'pid the pid', guarded(() => facade.pid));
  define(['readLog', 'readMainLog'], 'Read bytes of the main log.', [OFFSET, LENGTH], 'string', 'result the bytes read',
    ([offset, length]) => logs.readMainLog(offset as number, length as number));
  define(['clearLog'], 'Empty the main log and reopen it.', [], 'boolean', 'result true unless an error occurred',
    () => logs.clearMainLog());
  define(['shutdown'], 'Stop every process, then supervisord.', [], 'boolean', 'result true unless an error occurred',
    guarded(() => {
      facade.shutdown();
      return true;
    }));
  define(['restart'], 'Stop every process and start again with a fresh configuration.', [], 'boolean',
    'result true unless an error occurred', guarded(() => {
      facade.restart();
      return true;
    }));

  // ---- configuration ----
  define(['reloadConfig'], 'Read the configuration file again and compare it with the running groups.', [], 'array',
    'result [[added, changed, removed]], each a list of group names', guarded(() => {
      let diff;
      try {
        diff = facade.reloadConfig();
      } catch (err) {
        throw new RpcFault(Faults.CANT_REREAD, err instanceof Error ? err.message : String(err));
      }
      return [[diff.added, diff.changed, diff.removed]];
    }));
  define(['addProcessGroup'], 'Activate a group of the (re-read) configuration.', [GROUP], 'boolean',
    'result true if it was added', guarded(([name]) => {
      let added: boolean;
      try {
        added = facade.addProcessGroup(name as string);
      } catch (err) {
        if (err instanceof BadNameError) throw new RpcFault(Faults.BAD_NAME, name as string);
        throw err;
      }
      if (!added) throw new RpcFault(Faults.ALREADY_ADDED, name as string);
      return true;
    }));
  define(['removeProcessGroup'], 'Deactivate a group whose processes are all stopped.', [GROUP], 'boolean',
    'result true if it was removed', guarded(([name]) => {
      if (!facade.getGroup(name as string)) throw new RpcFault(Faults.BAD_NAME, name as string);
      if (!facade.removeProcessGroup(name as string)) throw new RpcFault(Faults.STILL_RUNNING, name as string);
      return true;
    }));
  define(['getAllConfigInfo'], 'The configuration of every process of the pending configuration, sorted by name.',
    [], 'array', 'result one struct per process', guarded(() => allConfigInfo(facade)));

  // ---- process information ----
  define(['getProcessInfo'], 'The state of one process.', [NAME], 'struct', 'result the process info struct',
    guarded(([name]) => {
      const { group, process } = locateProcess(facade, name as string);
      return processInfo(group, process, now());
    }));
  define(['getAllProcessInfo'], 'The state of every process, sorted by group then name.', [], 'array',
    'result one process info struct per process', guarded(() => {
      const at = now();
      return membersLexically(facade).map(({ group, process }) => processInfo(group, process, at));
    }));

  // ---- starting, stopping, signalling ----
  define(['startProcess'], 'Start a process (a group for group:* or group:).', [NAME, WAIT], 'boolean',
    'result true unless an error occurred', ([name, wait]) => control.startProcess(name as string, wait !== false));
  define(['startProcessGroup'], 'Start every process of a group that is not running.', [GROUP, WAIT], 'array',
    'result one status struct per process', ([name, wait]) => control.startProcessGroup(name as string, wait !== false));
  define(['startAllProcesses'], 'Start every process that is not running, in priority order.', [WAIT], 'array',
    'result one status struct per process', ([wait]) => control.startAllProcesses(wait !== false));
  define(['stopProcess'], 'Stop a process (a group for group:* or group:).', [NAME, WAIT], 'boolean',
    'result true unless an error occurred', ([name, wait]) => control.stopProcess(name as string, wait !== false));
  define(['stopProcessGroup'], 'Stop every running process of a group.', [GROUP, WAIT], 'array',
    'result one status struct per process', ([name, wait]) => control.stopProcessGroup(name as string, wait !== false));
  define(['stopAllProcesses'], 'Stop every running process, in priority order.', [WAIT], 'array',
    'result one status struct per process', ([wait]) => control.stopAllProcesses(wait !== false));
  define(['signalProcess'], 'Send a signal to a process (a group for group:*).', [NAME, SIGNAL], 'boolean',
    'result true unless an error occurred', ([name, signal]) => control.signalProcess(name as string, signalArg(signal)));
  define(['signalProcessGroup'], 'Send a signal to every signallable process of a group.', [GROUP, SIGNAL], 'array',
    'result one status struct per process', ([name, signal]) => control.signalProcessGroup(name as string, signalArg(signal)));
  define(['signalAllProcesses'], 'Send a signal to every signallable process.', [SIGNAL], 'array',
    'result one status struct per process', ([signal]) => control.signalAllProcesses(signalArg(signal)));

  // ---- process logs ----
  for (const channel of ['stdout', 'stderr'] as const) {
    const Channel = channel === 'stdout' ? 'Stdout' : 'Stderr';
    const readNames = channel === 'stdout' ? ['readProcessStdoutLog', 'readProcessLog'] : ['readProcessStderrLog'];
    const tailNames = channel === 'stdout' ? ['tailProcessStdoutLog', 'tailProcessLog'] : ['tailProcessStderrLog'];
    define(readNames, `Read bytes of a process' ${channel} log.`, [NAME, OFFSET, LENGTH], 'string',
      'result the bytes read', ([name, offset, length]) =>
        logs.readProcessLog(name as string, offset as number, length as number, channel));
    define(tailNames,
      `Read the end of a process' ${channel} log: at most length bytes up to the end. When the log ` +
        'holds more than offset+length bytes, overflow is set and the window moves to the end. The ' +
        `returned offset is the log size, where the next call should start. (${Channel} channel.)`,
      [NAME, { ...OFFSET, doc: 'where the previous tail ended' }, { ...LENGTH, doc: 'the most bytes to return' }],
      'array', 'result [string bytes, int offset, bool overflow]', ([name, offset, length]) =>
        logs.tailProcessLog(name as string, offset as number, length as number, channel));
  }
  define(['clearProcessLogs', 'clearProcessLog'], "Empty a process' stdout and stderr logs and reopen them.", [NAME],
    'boolean', 'result true unless an error occurred', ([name]) => logs.clearProcessLogs(name as string));
  define(['clearAllProcessLogs'], 'Empty the logs of every process.', [], 'array',
    'result one status struct per process', () => logs.clearAllProcessLogs());

  // ---- talking to processes and listeners ----
  define(['sendProcessStdin'], "Write characters (UTF-8 encoded) to a process' stdin.",
    [NAME, { name: 'chars', type: 'string', raw: true, doc: 'the characters to send' }], 'boolean',
    'result true unless an error occurred', guarded(([name, chars]) => {
      if (typeof chars !== 'string') throw new RpcFault(Faults.INCORRECT_PARAMETERS, String(chars));
      const { process } = locateProcess(facade, name as string);
      if (!process.pid || process.killing) throw new RpcFault(Faults.NOT_RUNNING, name as string);
      try {
        process.writeStdin(Buffer.from(chars, 'utf8'));
      } catch (err) {
        if (err instanceof NoStdinError) throw new RpcFault(Faults.NO_FILE, name as string);
        throw err;
      }
      return true;
    }));
  define(['sendRemoteCommEvent'], 'Emit a REMOTE_COMMUNICATION event for event listeners.',
    [{ name: 'type', type: 'string', doc: 'the type: header of the event' }, { name: 'data', type: 'string', doc: 'the event body' }],
    'boolean', 'result true unless an error occurred', ([type, data]) => {
      // deliberately no shutdown check, like Supervisor
      facade.sendRemoteCommEvent(type as string, data as string);
      return true;
    });

}
