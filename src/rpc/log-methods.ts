// readLog / readProcess*Log / tailProcess*Log / clear*Log on top of logging/log-read.ts.
// Bytes are decoded lossily: Supervisor answers HTTP 500 for invalid UTF-8, we send U+FFFD instead.
import { existsSync } from 'node:fs';
import type { SupervisorFacade } from '../core/facade.js';
import { LogReadError, NoFileError, readLog, tailLog } from '../logging/log-read.js';
import { Faults, RpcFault } from './faults.js';
import { locateProcess, makeNamespec, membersByPriority } from './namespec.js';
import { cappedInt } from './process-info.js';
import { refuseWhileShuttingDown } from './process-control.js';
import type { XmlRpcStruct, XmlRpcValue } from './xmlrpc-values.js';

export type Channel = 'stdout' | 'stderr';

function asFault(err: unknown): unknown {
  if (err instanceof NoFileError) return new RpcFault(Faults.NO_FILE, err.path);
  if (err instanceof LogReadError) return new RpcFault(Faults[err.fault]);
  return err;
}

async function readAsText(path: string | null, offset: number, length: number): Promise<string> {
  try {
    return (await readLog(path, offset, length)).toString('utf8');
  } catch (err) {
    throw asFault(err);
  }
}

export class LogMethods {
  constructor(private readonly facade: SupervisorFacade) {}

  private logPath(name: string, channel: Channel): string | null {
    const { process } = locateProcess(this.facade, name);
    return channel === 'stdout' ? process.stdoutLogPath : process.stderrLogPath;
  }

  async readMainLog(offset: number, length: number): Promise<string> {
    refuseWhileShuttingDown(this.facade);
    return readAsText(this.facade.mainLogPath, offset, length);
  }

  clearMainLog(): true {
    refuseWhileShuttingDown(this.facade);
    const path = this.facade.mainLogPath;
    if (path === null || !existsSync(path)) throw new RpcFault(Faults.NO_FILE);
    try {
      this.facade.clearMainLog();
    } catch {
      throw new RpcFault(Faults.FAILED);
    }
    return true;
  }

  async readProcessLog(name: string, offset: number, length: number, channel: Channel): Promise<string> {
    refuseWhileShuttingDown(this.facade);
    return readAsText(this.logPath(name, channel), offset, length);
  }

  async tailProcessLog(name: string, offset: number, length: number, channel: Channel): Promise<XmlRpcValue[]> {
    refuseWhileShuttingDown(this.facade);
    const tail = await tailLog(this.logPath(name, channel), offset, length);
    return [tail.data.toString('utf8'), cappedInt(tail.offset), tail.overflow];
  }

  clearProcessLogs(name: string): true {
    refuseWhileShuttingDown(this.facade);
    const { process } = locateProcess(this.facade, name);
    try {
      process.clearLogs();
    } catch {
      throw new RpcFault(Faults.FAILED, name);
    }
    return true;
  }

  /** One result struct per process, in priority order; failures don't stop the others. */
  clearAllProcessLogs(): XmlRpcStruct[] {
    refuseWhileShuttingDown(this.facade);
    return membersByPriority(this.facade).map(({ group, process }) => {
      const result = (status: number, description: string): XmlRpcStruct => ({
        name: process.config.name,
        group: group.config.name,
        status,
        description,
      });
      try {
        this.clearProcessLogs(makeNamespec(group.config.name, process.config.name));
        return result(Faults.SUCCESS, 'OK');
      } catch (err) {
        if (err instanceof RpcFault) return result(err.code, err.text);
        throw err;
      }
    });
  }
}
