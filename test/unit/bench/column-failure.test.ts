import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SupervisordColumn } from '../../../bench/lib/columns/supervisord.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-colfail-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a daemon that exits at start is reported with its exit code and last output, quickly', async () => {
  const column = new SupervisordColumn({
    id: 'supervisor-ts',
    version: 'test',
    daemon: ['/bin/sh', '-c', 'echo "supervisord: not implemented yet" >&2; exit 2', 'sh'],
    ctl: ['/bin/false'],
    inet: false,
  });
  const started = performance.now();
  await assert.rejects(column.launch(dir, [], { waitReady: true, timeoutMs: 20000 }), /daemon exited with code 2: supervisord: not implemented yet/);
  assert.ok(performance.now() - started < 5000, 'the failure must not wait for the whole timeout');
});

test('a missing daemon executable is reported, not crashed on', async () => {
  const column = new SupervisordColumn({ id: 'supervisor-ts', version: 'test', daemon: [join(dir, 'nope')], ctl: ['/bin/false'], inet: false });
  await assert.rejects(column.launch(dir, [], { waitReady: true, timeoutMs: 5000 }), /cannot start|ENOENT|exited/);
});
