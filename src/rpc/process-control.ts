// start/stop/signal for one process, a group or everything, with Supervisor's fault order and
// its "wait" semantics. Waiting awaits the process' state changes instead of polling.
import type { ProcessHandle, SupervisorFacade } from '../core/facade.js';
import { ProcessState, RUNNING_STATES, SIGNALLABLE_STATES, STOPPED_STATES, SupervisorState } from '../core/states.js';
import { Faults, RpcFault } from './faults.js';
import { groupMembers, locate, makeNamespec, membersByPriority, type Member } from './namespec.js';
import { parseSignal } from './signals.js';
import type { XmlRpcStruct, XmlRpcValue } from './xmlrpc-values.js';

/** Every supervisor.* method (but sendRemoteCommEvent) refuses to work while shutting down or restarting. */
export function refuseWhileShuttingDown(facade: SupervisorFacade): void {
  if (facade.state < SupervisorState.RUNNING) throw new RpcFault(Faults.SHUTDOWN_STATE);
}

/** An operation either finished (true) or must be waited for (a function that resolves to true or rejects with a fault). */
type Begun = true | (() => Promise<true>);

async function settle(begun: Begun): Promise<true> {
  return begun === true ? true : await begun();
}

function resultStruct(m: Member, status: number, description: string): XmlRpcStruct {
  return { name: m.process.config.name, group: m.group.config.name, status, description };
}

/**
 * Completions this close together are reported in process order, as Supervisor's 50 ms polling does. Short:
 * child exits arrive as separate events, and every millisecond here is added to stopAllProcesses' answer.
 */
const SETTLE_WINDOW_MS = 5;

interface Waiting {
  outcome: XmlRpcStruct | null;
}

function faultResult(m: Member, err: unknown): XmlRpcStruct {
  if (err instanceof RpcFault) return resultStruct(m, err.code, err.text);
  // Supervisor would answer 500 for the whole call; one struct is kinder and keeps the others.
  return resultStruct(m, Faults.FAILED, `FAILED: ${err instanceof Error ? err.message : String(err)}`);
}

/**
 * Supervisor's make_allfunc: act on every member passing the predicate (checked as we go), then
 * wait for the deferred ones. Immediate results come first, in process order; waited ones as they
 * finish, those finishing together in process order.
 */
export async function forEachMember(
  members: Member[],
  predicate: (p: ProcessHandle) => boolean,
  begin: (m: Member) => Begun,
): Promise<XmlRpcStruct[]> {
  const results: XmlRpcStruct[] = [];
  let waiting: Waiting[] = [];
  // resolves the loop below's wait for a first completion; one listener, not a Promise.race per round
  let wake = (): void => undefined;
  for (const m of members) {
    if (!predicate(m.process)) continue;
    let begun: Begun;
    try {
      begun = begin(m);
    } catch (err) {
      if (!(err instanceof RpcFault)) throw err;
      results.push(faultResult(m, err));
      continue;
    }
    if (begun === true) {
      results.push(resultStruct(m, Faults.SUCCESS, 'OK'));
      continue;
    }
    const entry: Waiting = { outcome: null };
    void begun()
      .then(
        () => void (entry.outcome = resultStruct(m, Faults.SUCCESS, 'OK')),
        (err: unknown) => void (entry.outcome = faultResult(m, err)),
      )
      .then(() => wake());
    waiting.push(entry);
  }
  while (waiting.length > 0) {
    if (!waiting.some((w) => w.outcome)) await new Promise<void>((r) => (wake = r));
    // the last ones to finish need no window: nothing else can join them
    if (waiting.some((w) => !w.outcome)) await new Promise((r) => setTimeout(r, SETTLE_WINDOW_MS));
    for (const w of waiting) if (w.outcome) results.push(w.outcome);
    waiting = waiting.filter((w) => !w.outcome);
  }
  return results;
}

const isRunning = (p: ProcessHandle) => RUNNING_STATES.has(p.state);
const isNotRunning = (p: ProcessHandle) => !RUNNING_STATES.has(p.state);
const isSignallable = (p: ProcessHandle) => SIGNALLABLE_STATES.has(p.state);

export class ProcessControl {
  constructor(private readonly facade: SupervisorFacade) {}

  private memberName(m: Member): string {
    return makeNamespec(m.group.config.name, m.process.config.name);
  }

  private groupOrFault(name: string): Member[] {
    const group = this.facade.getGroup(name);
    if (!group) throw new RpcFault(Faults.BAD_NAME, name);
    return groupMembers(group);
  }

  // ---- start ----

  private beginStart(process: ProcessHandle, name: string, wait: boolean): Begun {
    refuseWhileShuttingDown(this.facade);
    // Don't bother spawning what is known to fail; this leaves the state untouched.
    const check = process.checkExecutable();
    if (!check.ok) throw new RpcFault(check.kind === 'NO_FILE' ? Faults.NO_FILE : Faults.NOT_EXECUTABLE, check.message);
    if (RUNNING_STATES.has(process.state)) throw new RpcFault(Faults.ALREADY_STARTED, name);
    if (process.state === ProcessState.UNKNOWN) {
      throw new RpcFault(Faults.FAILED, `${name} is in an unknown process state`);
    }
    process.spawn();
    if (process.spawnerr) throw new RpcFault(Faults.SPAWN_ERROR, name);
    // startsecs=0 becomes RUNNING right here
    process.transition();
    if (wait && process.state !== ProcessState.RUNNING) return () => this.waitUntilRunning(process, name);
    return true;
  }

  private async waitUntilRunning(process: ProcessHandle, name: string): Promise<true> {
    for (;;) {
      if (process.spawnerr) throw new RpcFault(Faults.SPAWN_ERROR, name);
      const state = process.state;
      if (state === ProcessState.RUNNING) return true;
      if (state !== ProcessState.STARTING) throw new RpcFault(Faults.ABNORMAL_TERMINATION, name);
      await process.nextStateChange();
    }
  }

  async startProcess(name: string, wait: boolean): Promise<XmlRpcValue> {
    refuseWhileShuttingDown(this.facade);
    const { group, process } = locate(this.facade, name);
    if (!process) return this.startProcessGroup(group.name, wait);
    return settle(this.beginStart(process, name, wait));
  }

  async startProcessGroup(name: string, wait: boolean): Promise<XmlRpcStruct[]> {
    refuseWhileShuttingDown(this.facade);
    return forEachMember(this.groupOrFault(name), isNotRunning, (m) =>
      this.beginStart(m.process, this.memberName(m), wait),
    );
  }

  async startAllProcesses(wait: boolean): Promise<XmlRpcStruct[]> {
    refuseWhileShuttingDown(this.facade);
    return forEachMember(membersByPriority(this.facade), isNotRunning, (m) =>
      this.beginStart(m.process, this.memberName(m), wait),
    );
  }

  // ---- stop ----

  private beginStop(process: ProcessHandle, name: string, wait: boolean): Begun {
    refuseWhileShuttingDown(this.facade);
    if (!RUNNING_STATES.has(process.state)) throw new RpcFault(Faults.NOT_RUNNING, name);
    const failure = process.stop();
    if (failure !== null) throw new RpcFault(Faults.FAILED, failure);
    if (wait && !STOPPED_STATES.has(process.state)) return () => this.waitUntilStopped(process);
    return true;
  }

  private async waitUntilStopped(process: ProcessHandle): Promise<true> {
    while (!STOPPED_STATES.has(process.state)) await process.nextStateChange();
    return true;
  }

  async stopProcess(name: string, wait: boolean): Promise<XmlRpcValue> {
    refuseWhileShuttingDown(this.facade);
    const { group, process } = locate(this.facade, name);
    if (!process) return this.stopProcessGroup(group.name, wait);
    return settle(this.beginStop(process, name, wait));
  }

  async stopProcessGroup(name: string, wait: boolean): Promise<XmlRpcStruct[]> {
    refuseWhileShuttingDown(this.facade);
    return forEachMember(this.groupOrFault(name), isRunning, (m) => this.beginStop(m.process, this.memberName(m), wait));
  }

  async stopAllProcesses(wait: boolean): Promise<XmlRpcStruct[]> {
    refuseWhileShuttingDown(this.facade);
    return forEachMember(membersByPriority(this.facade), isRunning, (m) =>
      this.beginStop(m.process, this.memberName(m), wait),
    );
  }

  // ---- signal ----

  private signalOne(process: ProcessHandle, name: string, signal: string | number): true {
    refuseWhileShuttingDown(this.facade);
    const signo = parseSignal(signal);
    if (signo === null) throw new RpcFault(Faults.BAD_SIGNAL, signal);
    if (!SIGNALLABLE_STATES.has(process.state)) throw new RpcFault(Faults.NOT_RUNNING, name);
    const failure = process.signal(signo);
    if (failure !== null) throw new RpcFault(Faults.FAILED, failure);
    return true;
  }

  async signalProcess(name: string, signal: string | number): Promise<XmlRpcValue> {
    refuseWhileShuttingDown(this.facade);
    const { group, process } = locate(this.facade, name);
    if (!process) return this.signalProcessGroup(group.name, signal);
    return this.signalOne(process, name, signal);
  }

  async signalProcessGroup(name: string, signal: string | number): Promise<XmlRpcStruct[]> {
    const group = this.facade.getGroup(name);
    refuseWhileShuttingDown(this.facade);
    if (!group) throw new RpcFault(Faults.BAD_NAME, name);
    const results = await forEachMember(groupMembers(group), isSignallable, (m) =>
      this.signalOne(m.process, this.memberName(m), signal),
    );
    refuseWhileShuttingDown(this.facade);
    return results;
  }

  /** Like Supervisor, this one signals first and only then checks for shutdown. */
  async signalAllProcesses(signal: string | number): Promise<XmlRpcStruct[]> {
    const results = await forEachMember(membersByPriority(this.facade), isSignallable, (m) =>
      this.signalOne(m.process, this.memberName(m), signal),
    );
    refuseWhileShuttingDown(this.facade);
    return results;
  }
}
