import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const SRC = join(import.meta.dirname, '..', '..', '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

test('only src/os loads koffi (one lazy loader for every libc binding)', () => {
  const loadsKoffi = /(\(\s*|from\s+)['"]koffi['"]/;
  const offenders = sourceFiles(SRC)
    .map((file) => relative(SRC, file))
    .filter((file) => !file.startsWith('os/') && loadsKoffi.test(readFileSync(join(SRC, file), 'utf8')));
  assert.deepEqual(offenders, []);
  assert.ok(loadsKoffi.test(readFileSync(join(SRC, 'os', 'ffi.ts'), 'utf8')), 'src/os/ffi.ts loads koffi');
});
