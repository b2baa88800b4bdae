// The header of a run: which machine, how loaded, which versions.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineInfo {
  date: string;
  cores: number;
  cpu: string;
  kernel: string;
  memoryGiB: number;
  loadAverage: number[];
  node: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  let cpu = cpus[0]?.model?.trim() ?? 'unknown';
  if (!cpu || cpu === 'unknown') {
    try {
      cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
    } catch {
      // keep unknown
    }
  }
  return {
    date: new Date().toISOString(),
    cores: os.availableParallelism(),
    cpu,
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
  };
}

/** First line of `file args`, or null when it cannot run. */
export function commandOutput(file: string, args: string[]): string | null {
  try {
    return execFileSync(file, args, { encoding: 'utf8', timeout: 15000, stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0];
  } catch {
    return null;
  }
}
