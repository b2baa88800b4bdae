// Unit tests: TAB completion rules and the shell's history file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentWord, completionKind, makeCompleter } from '../../../src/ctl/completion.js';
import { COMPLETABLE_ACTIONS } from '../../../src/ctl/commands/index.js';
import { loadHistory, saveHistory } from '../../../src/ctl/shell.js';
import type { ProcessInfo } from '../../../src/ctl/namespec.js';

const INFOS = [
  { group: 'web', name: 'web' },
  { group: 'workers', name: 'workers_0' },
  { group: 'workers', name: 'workers_1' },
].map((i) => ({ ...i, state: 20, statename: 'RUNNING', description: '', pid: 1 })) as ProcessInfo[];

function complete(line: string): Promise<[string[], string]> {
  let loads = 0;
  const completer = makeCompleter(COMPLETABLE_ACTIONS, async () => {
    loads++;
    return INFOS;
  });
  return new Promise((resolve) => completer(line, (_err, result) => resolve(result))).then((r) => {
    assert.ok(loads <= 1);
    return r as [string[], string];
  });
}

describe('completion', () => {
  it('keeps group:* and dashed names as one word', () => {
    assert.equal(currentWord('start grp:*'), 'grp:*');
    assert.equal(currentWord('stop my-prog'), 'my-prog');
    assert.equal(currentWord('stop '), '');
  });
  it('knows what the line wants next', () => {
    assert.equal(completionKind(''), 'action');
    assert.equal(completionKind('sta'), 'action');
    assert.equal(completionKind('help st'), 'action');
    assert.equal(completionKind('add w'), 'group');
    assert.equal(completionKind('tail '), 'process');
    assert.equal(completionKind('wait --timeout 3 w'), 'process');
    assert.equal(completionKind('version '), 'none');
  });
  it('completes actions with a trailing space', async () => {
    assert.deepEqual(await complete('st'), [['start ', 'status ', 'stop '], 'st']);
    assert.deepEqual((await complete(''))[0].length, COMPLETABLE_ACTIONS.length);
  });
  it('completes process names like Supervisor', async () => {
    assert.deepEqual(await complete('start w'), [['web ', 'workers:workers_0 ', 'workers:* ', 'workers:workers_1 '], 'w']);
    assert.deepEqual(await complete('stop workers:'), [['workers:workers_0 ', 'workers:* ', 'workers:workers_1 '], 'workers:']);
    assert.deepEqual(await complete('status web:'), [['web:web ', 'web:* '], 'web:']);
  });
  it('completes group names after add/remove/update', async () => {
    assert.deepEqual(await complete('update w'), [['web ', 'workers '], 'w']);
  });
});

describe('history file', () => {
  it('round-trips oldest-first on disk, most-recent-first in memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctl-hist-'));
    try {
      const file = join(dir, 'history');
      saveHistory(file, ['status', 'start web']);
      assert.equal(readFileSync(file, 'utf8'), 'start web\nstatus\n');
      assert.deepEqual(loadHistory(file), ['status', 'start web']);
      assert.deepEqual(loadHistory(join(dir, 'missing')), []);
      assert.deepEqual(loadHistory(null), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
