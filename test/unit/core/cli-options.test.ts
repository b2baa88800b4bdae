import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCommandLine, UsageError } from '../../../src/daemon/cli-options.js';

test('flags and values become overrides; long options may be abbreviated', () => {
  const cmd = parseCommandLine(['-n', '-c', '/x.conf', '--logl=debug', '-m', '077', '-i', 'box', '-k', '-t', '-s', '-y', '1MB', '-z', '3']);
  assert.deepEqual(cmd, {
    kind: 'run', configFile: '/x.conf', validateOnly: false,
    overrides: { nodaemon: true, loglevel: 'debug', umask: 0o77, identifier: 'box', nocleanup: true, stripAnsi: true,
      silent: true, logfileMaxbytes: 1024 * 1024, logfileBackups: 3 },
  });
});

test('help, version and validate', () => {
  assert.deepEqual(parseCommandLine(['-h']), { kind: 'help' });
  assert.deepEqual(parseCommandLine(['-?']), { kind: 'help' });
  assert.deepEqual(parseCommandLine(['--version']), { kind: 'version' });
  const v = parseCommandLine(['--validate', '-c', 'a.conf']);
  assert.ok(v.kind === 'run' && v.validateOnly && v.configFile === 'a.conf');
});

test('errors carry Supervisor messages', () => {
  const msg = (args: string[]) => {
    try { parseCommandLine(args); } catch (e) { assert.ok(e instanceof UsageError); return e.message; }
    return 'no error';
  };
  assert.equal(msg(['-x']), 'option -x not recognized');
  assert.equal(msg(['--bogus']), 'option --bogus not recognized');
  assert.equal(msg(['-c']), 'option -c requires argument');
  assert.equal(msg(['x', 'y']), "positional arguments are not supported: ['x', 'y']");
  assert.equal(msg(['-e', 'loud']), "invalid value for -e 'loud': bad logging level name 'loud'");
  assert.equal(msg(['-n', '-n']), "conflicting command line option '-n'");
});
