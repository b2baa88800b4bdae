// The interactive shell: `status` first, then a prompt loop until EOF, quit/exit or ^C. Exit status is
// always 0, as in Supervisor.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Controller } from './controller.js';
import type { TerminalIO } from './terminal.js';

/** History file lines, oldest first → the most-recent-first list readline wants. */
export function loadHistory(file: string | null): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '' && l !== '_HiStOrY_V2_')
      .reverse();
  } catch {
    return [];
  }
}

export function saveHistory(file: string | null, mostRecentFirst: readonly string[]): void {
  if (!file) return;
  try {
    writeFileSync(file, [...mostRecentFirst].reverse().map((l) => `${l}\n`).join(''));
  } catch {
    // like Supervisor: an unwritable history file is not worth an error
  }
}

export async function runShell(ctl: Controller, io: TerminalIO, onCommandDone: () => void): Promise<void> {
  io.open();
  const prompt = `${ctl.options.prompt}> `;
  await ctl.onecmd('status');
  onCommandDone();
  for (;;) {
    const line = await io.readLine(prompt);
    const quit = await ctl.onecmd(line ?? 'EOF');
    onCommandDone();
    if (quit || line === null) break;
  }
}
