// Unit tests: getopt rules, command-line splitting, namespecs, help layout.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { getopt, GetoptError } from '../../../src/ctl/getopt.js';
import { parseCommandLine } from '../../../src/ctl/controller.js';
import { splitNamespec, makeNamespec, padRight } from '../../../src/ctl/namespec.js';
import { columnize, topicBlock, DEFAULT_COMMAND_HELP } from '../../../src/ctl/help-texts.js';

const SHORT = 'h?c:is:u:p:r:';
const LONG = ['help', 'configuration=', 'interactive', 'serverurl=', 'username=', 'password=', 'history_file='];

describe('getopt (Python semantics)', () => {
  it('stops at the first non-option word', () => {
    assert.deepEqual(getopt(['-sfoo', 'status', '-x'], SHORT, LONG), {
      options: [{ name: '-s', value: 'foo' }],
      rest: ['status', '-x'],
    });
  });
  it('accepts unique long prefixes and reports the full name', () => {
    assert.deepEqual(getopt(['--user', 'bob'], SHORT, LONG).options, [{ name: '--username', value: 'bob' }]);
    assert.deepEqual(getopt(['--serv=unix:///x'], SHORT, LONG).options, [{ name: '--serverurl', value: 'unix:///x' }]);
  });
  it('phrases errors like Python', () => {
    const cases: Array<[string[], string]> = [
      [['-x'], 'option -x not recognized'],
      [['--foo'], 'option --foo not recognized'],
      [['-s'], 'option -s requires argument'],
      [['--ser'], 'option --serverurl requires argument'],
      [['--h'], 'option --h not a unique prefix'],
      [['--interactive=1'], 'option --interactive must not have an argument'],
      [['-ix'], 'option -x not recognized'],
    ];
    for (const [argv, message] of cases) assert.throws(() => getopt(argv, SHORT, LONG), new GetoptError(message));
  });
  it('treats -- and a lone - like Python', () => {
    assert.deepEqual(getopt(['--', '-x'], SHORT, LONG).rest, ['-x']);
    assert.deepEqual(getopt(['-'], SHORT, LONG).rest, ['-']);
  });
  it('clusters flags before an option with an argument', () => {
    assert.deepEqual(getopt(['-is', 'http://x'], SHORT, LONG).options, [
      { name: '-i', value: '' },
      { name: '-s', value: 'http://x' },
    ]);
  });
});

describe('parseCommandLine (cmd.Cmd.parseline)', () => {
  it('splits the leading identifier from the argument', () => {
    assert.deepEqual(parseCommandLine('  start  foo bar '), { command: 'start', arg: 'foo bar', line: 'start  foo bar' });
    assert.deepEqual(parseCommandLine('status:foo'), { command: 'status', arg: ':foo', line: 'status:foo' });
  });
  it('maps ? to help and rejects ! (no shell escape)', () => {
    assert.equal(parseCommandLine('?tail').line, 'help tail');
    assert.equal(parseCommandLine('?tail').arg, 'tail');
    assert.equal(parseCommandLine('!ls').command, null);
  });
  it('gives an empty command for a line that starts with punctuation', () => {
    assert.equal(parseCommandLine('-x').command, '');
    assert.equal(parseCommandLine('').line, '');
  });
});

describe('namespecs', () => {
  it('splits and joins like Supervisor', () => {
    assert.deepEqual(splitNamespec('foo'), ['foo', 'foo']);
    assert.deepEqual(splitNamespec('g:p'), ['g', 'p']);
    assert.deepEqual(splitNamespec('g:'), ['g', null]);
    assert.deepEqual(splitNamespec('g:*'), ['g', null]);
    assert.deepEqual(splitNamespec('g:p:q'), ['g', 'p:q']);
    assert.equal(makeNamespec('a', 'a'), 'a');
    assert.equal(makeNamespec('a', 'b'), 'a:b');
  });
  it('pads by code points and never truncates', () => {
    assert.equal(padRight('é', 3), 'é  ');
    assert.equal(padRight('abcd', 2), 'abcd');
  });
});

describe('help layout', () => {
  it('lays out the default commands exactly like Supervisor 4.2.5', () => {
    assert.deepEqual(topicBlock('default commands (type help <topic>):', Object.keys(DEFAULT_COMMAND_HELP).sort()), [
      'default commands (type help <topic>):',
      '=====================================',
      'add    exit      open  reload  restart   start   tail   ',
      'avail  fg        pid   remove  shutdown  status  update ',
      'clear  maintail  quit  reread  signal    stop    version',
      '',
    ]);
  });
  it('handles one word, no words, and words too wide for any row', () => {
    assert.deepEqual(columnize(['one'], 79), ['one']);
    assert.deepEqual(columnize([], 79), ['<empty>']);
    assert.deepEqual(columnize(['x'.repeat(50), 'y'.repeat(50)], 79), ['x'.repeat(50), 'y'.repeat(50)]);
  });
});
