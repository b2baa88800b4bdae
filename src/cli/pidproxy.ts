// pidproxy <pidfile> <command> [args]: run a command that daemonizes itself, forward our signals to the pid
// it writes in its pidfile, and exit when the command we started exits (Supervisor's pidproxy).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { signalNumber } from '../python/signals.js';

const FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT', 'SIGUSR1', 'SIGUSR2', 'SIGQUIT'];
// after forwarding one of these, pidproxy's job is done
const FINAL = new Set<NodeJS.Signals>(['SIGTERM', 'SIGINT', 'SIGQUIT']);

function usage(): string {
  // the Usage line is the interface (same as Supervisor's, with the program path as invoked); the rest is ours
  return `pidproxy: start a command that puts itself in the background, then pass the signals this
process receives (TERM, HUP, INT, USR1, USR2, QUIT) on to the pid the command wrote to its pidfile.

Usage: ${process.argv[1] ?? 'pidproxy'} <pidfile name> <command> [<cmdarg1> ...]

`;
}

function readPid(pidfile: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(pidfile, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function forward(pidfile: string, signal: NodeJS.Signals): void {
  const pid = readPid(pidfile);
  if (pid === null) {
    process.stdout.write(`Can't read child pidfile ${pidfile}!\n`);
    return;
  }
  try {
    process.kill(pid, signalNumber(signal) ?? signal);
  } catch (err) {
    process.stderr.write(`pidproxy: could not send ${signal} to pid ${pid}: ${(err as NodeJS.ErrnoException).code ?? String(err)}\n`);
    if (FINAL.has(signal)) process.exit(1);
    return;
  }
  if (FINAL.has(signal)) process.exit(0);
}

function main(args: string[]): void {
  if (args.length < 2) {
    process.stdout.write(usage());
    process.exit(1);
  }
  const [pidfile, command, ...commandArgs] = args;
  // like Supervisor's os.spawnv(abspath(cmd)): the command is taken relative to the cwd, not searched on PATH
  const child = spawn(resolve(command), commandArgs, { argv0: command, stdio: 'inherit' });
  for (const signal of FORWARDED) process.on(signal, () => forward(pidfile, signal));
  child.on('error', (err) => {
    process.stderr.write(`pidproxy: could not run ${command}: ${(err as NodeJS.ErrnoException).code ?? err.message}\n`);
  });
  // Supervisor's pidproxy exits 0 once its direct child is gone, whatever the status
  child.on('close', () => process.exit(0));
}

main(process.argv.slice(2));
