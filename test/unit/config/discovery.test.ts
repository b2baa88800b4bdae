import { test } from 'node:test';
import assert from 'node:assert/strict';
import { noConfigFileMessage, searchPaths } from '../../../src/config/discovery.js';

test('search paths: two relative to the executable, then cwd and /etc', () => {
  assert.deepEqual(searchPaths('/usr/bin/supervisord'), [
    '/usr/etc/supervisord.conf',
    '/usr/supervisord.conf',
    'supervisord.conf',
    'etc/supervisord.conf',
    '/etc/supervisord.conf',
    '/etc/supervisor/supervisord.conf',
  ]);
  assert.deepEqual(searchPaths('supervisord').slice(0, 2), ['etc/supervisord.conf', 'supervisord.conf']);
});

test('the message when nothing is found lists the paths', () => {
  assert.equal(
    noConfigFileMessage('/usr/bin/supervisord'),
    'No config file found at default paths (/usr/etc/supervisord.conf, /usr/supervisord.conf, supervisord.conf, ' +
      'etc/supervisord.conf, /etc/supervisord.conf, /etc/supervisor/supervisord.conf); use the -c option to specify ' +
      'a config file at a different path',
  );
});
