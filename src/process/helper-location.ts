// Where the exec helper script is: dist/process/exec-helper.js (found from here, or from the bundled daemon
// in dist/cli), or the .ts source under tsx (tests, dev).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string[] | null = null;

/** argv (node first) that runs the exec helper; append the spec arguments. */
export function helperCommand(): string[] {
  if (cached) return cached;
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // running from source: the helper needs the same TypeScript loader, found from here, not from the cwd
    cached = [process.execPath, '--import', import.meta.resolve('tsx'), join(dirname(here), '..', 'process', 'exec-helper.ts')];
  } else {
    cached = [process.execPath, join(dirname(here), '..', 'process', 'exec-helper.js')];
  }
  return cached;
}
