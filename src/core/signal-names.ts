// Signal numbers <-> names for log messages ("terminated by SIGTERM").
import { constants } from 'node:os';

const NAME_BY_NUMBER = new Map<number, string>();
for (const [name, num] of Object.entries(constants.signals)) {
  if (!NAME_BY_NUMBER.has(num)) NAME_BY_NUMBER.set(num, name);
}

/** Supervisor's signame(): `SIGTERM`, or `signal N` for unknown numbers. */
export function signalName(signo: number): string {
  return NAME_BY_NUMBER.get(signo) ?? `signal ${signo}`;
}

export function signalNumber(name: string): number | undefined {
  return (constants.signals as Record<string, number>)[name];
}
