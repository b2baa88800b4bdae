// Unit tests: supervisorctl option precedence, config reading and usage errors.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCtlArgs, configSearchPaths, looksLikeUrl } from '../../../src/ctl/options.js';
import { CtlUsageError, CtlHelpRequested } from '../../../src/ctl/errors.js';

describe('parseCtlArgs', () => {
  let dir: string;
  const script = '/opt/st/bin/supervisorctl.js';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'ctl-opts-'));
    writeFileSync(
      join(dir, 'full.conf'),
      [
        '[supervisord]',
        '[supervisorctl]',
        'serverurl = unix://%(here)s/../run/x.sock ; comment',
        'username=alice',
        'password=%(ENV_CTL_TEST_PW)s',
        'prompt=box',
        'history_file=%(here)s/hist',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'nosection.conf'), '[supervisord]\n');
    writeFileSync(join(dir, 'badkey.conf'), '[supervisorctl]\nserverurl=%(nope)s\n');
    writeFileSync(join(dir, 'noheader.conf'), 'serverurl=x\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('uses built-in defaults without a config file', () => {
    const o = parseCtlArgs([], script, [join(dir, 'absent.conf')]);
    assert.equal(o.configFile, null);
    assert.equal(o.serverurl, 'http://localhost:9001');
    assert.equal(o.prompt, 'supervisor');
    assert.equal(o.username, null);
    assert.equal(o.interactive, true);
  });

  it('reads [supervisorctl], expanding here and ENV_, normalising unix paths', () => {
    process.env.CTL_TEST_PW = 'pw';
    const o = parseCtlArgs(['-c', join(dir, 'full.conf'), 'status', 'foo'], script);
    assert.equal(o.serverurl, `unix://${join(dir, '..', 'run', 'x.sock')}`);
    assert.equal(o.username, 'alice');
    assert.equal(o.password, 'pw');
    assert.equal(o.prompt, 'box');
    assert.equal(o.historyFile, join(dir, 'hist'));
    assert.deepEqual(o.args, ['status', 'foo']);
    assert.equal(o.interactive, false);
  });

  it('lets the command line win over the file', () => {
    const o = parseCtlArgs(['-c', join(dir, 'full.conf'), '-s', 'http://h:1', '-u', 'bob', '-p', 'x', '-i', 'pid'], script);
    assert.equal(o.serverurl, 'http://h:1');
    assert.equal(o.username, 'bob');
    assert.equal(o.password, 'x');
    assert.equal(o.interactive, true);
  });

  it('reports usage errors with Supervisor texts', () => {
    const cases: Array<[string[], string]> = [
      [['-c', join(dir, 'missing.conf')], `could not find config file ${join(dir, 'missing.conf')}`],
      [['-c', join(dir, 'nosection.conf'), '-s', 'foo'], "invalid value for -s 'foo': value 'foo' is not a URL"],
      [['-u', 'a', '--username', 'b'], "conflicting command line option '--username'"],
    ];
    for (const [argv, message] of cases) assert.throws(() => parseCtlArgs(argv, script), new CtlUsageError(message));
  });

  it('names file and line for config syntax problems', () => {
    assert.throws(() => parseCtlArgs(['-c', join(dir, 'noheader.conf')], script), (err: Error) => {
      assert.ok(err instanceof CtlUsageError);
      assert.match(err.message, /noheader\.conf', line: 1/);
      return true;
    });
    assert.throws(() => parseCtlArgs(['-c', join(dir, 'badkey.conf')], script), /'%\(nope\)s'.*badkey\.conf', line 2/s);
    assert.throws(
      () => parseCtlArgs(['-c', join(dir, 'nosection.conf')], script),
      /^CtlUsageError: \.ini file does not include supervisorctl section \(file: '.*nosection\.conf'\)$/,
    );
  });

  it('-h and -? ask for help even after other options', () => {
    assert.throws(() => parseCtlArgs(['-s', 'http://x', '-?'], script), CtlHelpRequested);
    assert.throws(() => parseCtlArgs(['--help'], script), CtlHelpRequested);
  });

  it('uses the first config file found on the search path', () => {
    const o = parseCtlArgs(['pid'], script, [join(dir, 'absent.conf'), join(dir, 'full.conf')]);
    assert.equal(o.configFile, join(dir, 'full.conf'));
    assert.equal(o.prompt, 'box');
  });

  it('searches the same paths as supervisord, relative to the executable', () => {
    assert.deepEqual(configSearchPaths(script).slice(0, 2), ['/opt/st/etc/supervisord.conf', '/opt/st/supervisord.conf']);
    assert.equal(configSearchPaths(script).at(-1), '/etc/supervisor/supervisord.conf');
  });
});

describe('looksLikeUrl (Supervisor url() via urlparse)', () => {
  it('wants a scheme and a netloc or path', () => {
    const cases: Array<[string, boolean]> = [
      ['http://', false], ['http:', false], ['http://?x', false], ['http:///x', true], ['unix:///tmp/x', true],
      ['localhost:9001', true], ['foo', false], ['1http://x', false], ['http://h:1', true], ['x:?y', false],
      ['a:#', false], ['unix:x', true],
    ];
    for (const [value, ok] of cases) assert.equal(looksLikeUrl(value), ok, value);
  });
});
