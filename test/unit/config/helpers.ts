// Temp config trees for the config unit tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Write files into a fresh temp dir (`@DIR@` in contents becomes the dir); returns the dir. */
export function tempTree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'cfg-unit-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content.replaceAll('@DIR@', dir));
  }
  return dir;
}

export function removeTree(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const HEAD = '[supervisord]\nlogfile=%(here)s/sd.log\npidfile=%(here)s/sd.pid\n';
