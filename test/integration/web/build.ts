// A private build of the daemon for the browser test: dist/ is shared with everyone building at the same
// time, and a half-written dist/ must not make the test flaky. Lives under the repo's git-ignored .tmp/ so
// bin/*.js (which import ../dist/) resolve node_modules.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export interface PrivateBuild {
  supervisord: string;
  remove(): void;
}

export function buildDaemon(): PrivateBuild {
  mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, '.tmp', 'web-build-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  // other folders may be mid-edit and fail to type-check; tsc still emits every file
  const tsc = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--outDir', path.join(dir, 'dist')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const entry = path.join(dir, 'dist', 'cli', 'supervisord.js');
  if (!existsSync(entry)) {
    remove();
    throw new Error(`build produced no ${entry}:\n${tsc.stdout}${tsc.stderr}`);
  }
  cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
  return { supervisord: path.join(dir, 'bin', 'supervisord.js'), remove };
}
