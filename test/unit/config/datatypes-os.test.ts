import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  colonSeparatedUserGroup,
  existingDirectory,
  existingDirpath,
  expandUser,
  gidForUid,
  nameToGid,
  nameToUid,
  pyDirname,
  setAccountFiles,
} from '../../../src/config/datatypes-os.js';
import { removeTree, tempTree } from './helpers.js';

let dir = '';
before(() => {
  dir = tempTree({
    passwd: 'root:x:0:0:root:/root:/bin/sh\n# comment\nalice:x:1000:100:Alice:/home/alice:/bin/sh\n',
    group: 'root:x:0:\nusers:x:100:alice\n',
    'sub/file': '',
  });
  setAccountFiles({ passwd: path.join(dir, 'passwd'), group: path.join(dir, 'group') });
});
after(() => {
  setAccountFiles({ passwd: '/etc/passwd', group: '/etc/group' });
  removeTree(dir);
});

test('users and groups by name or id, with Supervisor messages', () => {
  assert.equal(nameToUid('alice'), 1000);
  assert.equal(nameToUid('1000'), 1000);
  assert.throws(() => nameToUid('bob'), { message: 'Invalid user name bob' });
  assert.throws(() => nameToUid('4242'), { message: 'Invalid user id 4242' });
  assert.equal(nameToGid('users'), 100);
  assert.throws(() => nameToGid('staff'), { message: 'Invalid group name staff' });
  assert.throws(() => nameToGid('7'), { message: 'Invalid group id 7' });
  assert.equal(gidForUid(1000), 100);
  assert.deepEqual(colonSeparatedUserGroup('alice'), { uid: 1000, gid: -1 });
  assert.deepEqual(colonSeparatedUserGroup('alice:root'), { uid: 1000, gid: 0 });
  assert.throws(() => colonSeparatedUserGroup('alice:staff'), { message: 'Invalid user:group definition alice:staff' });
});

test('~ expansion from HOME or the account database', () => {
  assert.equal(expandUser('~/x', { HOME: '/h/' }), '/h/x');
  assert.equal(expandUser('~alice/x', {}), '/home/alice/x');
  assert.equal(expandUser('~nobody/x', {}), '~nobody/x');
  assert.equal(expandUser('a/~', {}), 'a/~');
});

test('existing directories and file paths', () => {
  assert.equal(existingDirectory(dir), dir);
  assert.throws(() => existingDirectory(`${dir}/none`), { message: `${dir}/none is not an existing directory` });
  assert.equal(existingDirpath(`${dir}/sub/new.log`), `${dir}/sub/new.log`);
  assert.equal(existingDirpath('bare.log'), 'bare.log');
  assert.throws(() => existingDirpath(`${dir}/none/x.log`), {
    message: `The directory named as part of the path ${dir}/none/x.log does not exist`,
  });
  assert.equal(pyDirname('/a/b'), '/a');
  assert.equal(pyDirname('/a'), '/');
  assert.equal(pyDirname('a'), '');
  assert.equal(pyDirname('a//b'), 'a');
});
