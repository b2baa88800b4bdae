import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupByGid, groupByName, lookupUser, supplementaryGroups, userByName } from '../../../src/os/users.js';
import { planPrivileges } from '../../../src/process/privileges.js';

let dir = '';
let files = { passwdFile: '', groupFile: '' };
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'users-'));
  files = { passwdFile: join(dir, 'passwd'), groupFile: join(dir, 'group') };
  writeFileSync(files.passwdFile, [
    'root:x:0:0:root:/root:/bin/bash',
    '# a comment',
    'alice:x:1000:1000:Alice:/home/alice:/bin/sh',
    'broken line',
    'bob:x:1001:100::/home/bob:/usr/sbin/nologin',
  ].join('\n') + '\n');
  writeFileSync(files.groupFile, ['root:x:0:', 'alice:x:1000:', 'users:x:100:', 'docker:x:999:alice,bob', 'audio:x:29:alice'].join('\n') + '\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('users are found by name or uid, broken lines skipped', () => {
  assert.deepEqual(userByName('alice', files), { name: 'alice', uid: 1000, gid: 1000, home: '/home/alice', shell: '/bin/sh' });
  assert.equal(lookupUser('1001', files)?.name, 'bob');
  assert.equal(lookupUser(1001, files)?.name, 'bob');
  assert.equal(lookupUser('nobody-here', files), undefined);
  assert.equal(groupByName('docker', files)?.gid, 999);
  assert.deepEqual(groupByGid(29, files)?.members, ['alice']);
});

test('supplementary groups: primary gid first, then groups naming the user', () => {
  const alice = userByName('alice', files);
  assert.ok(alice);
  assert.deepEqual(supplementaryGroups(alice, files), [1000, 999, 29]);
});

test('privilege plan mirrors drop_privileges', () => {
  assert.deepEqual(planPrivileges(null, 0, files), { kind: 'keep' });
  assert.deepEqual(planPrivileges(1000, 1000, files), { kind: 'keep' });
  assert.deepEqual(planPrivileges(4242, 0, files), { kind: 'fail', message: "couldn't setuid to 4242: Can't find uid 4242" });
  assert.deepEqual(planPrivileges(1000, 1001, files), { kind: 'fail', message: "couldn't setuid to 1000: Can't drop privilege as nonroot user" });
  assert.deepEqual(planPrivileges(1001, 0, files), { kind: 'switch', uid: 1001, gid: 100, groups: [100, 999] });
});
