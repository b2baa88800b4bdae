import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/index.js';
import { HEAD, removeTree, tempTree } from './helpers.js';

test('env_file on [supervisord] and programs, relative to the file that sets it', () => {
  const dir = tempTree({
    'supervisord.conf': `${HEAD}env_file=global.env\n[include]\nfiles=conf.d/*.conf\n`,
    'global.env': 'G=1\n',
    'conf.d/app.conf': '[program:app]\ncommand=/bin/true\nenv_file=app.env\n   more.env\nenvironment=X=1\n',
    'conf.d/app.env': 'A=1\nB=1\n',
    'conf.d/more.env': 'B=2\n',
  });
  try {
    const c = loadConfig({ configFile: path.join(dir, 'supervisord.conf') });
    assert.deepEqual(c.supervisord.envFileEnvironment, { G: '1' });
    const p = c.groups[0]!.processes[0]!;
    assert.deepEqual(p.envFileEnvironment, { A: '1', B: '2' });
    assert.deepEqual(p.environment, { X: '1' });
  } finally {
    removeTree(dir);
  }
});

test('a bad .env line is a ConfigError naming the .env file, its line, and where env_file was set', () => {
  const dir = tempTree({ 'supervisord.conf': `${HEAD}[program:app]\ncommand=/bin/true\nenv_file=bad.env\n`, 'bad.env': 'OK=1\nnope\n' });
  try {
    assert.throws(
      () => loadConfig({ configFile: path.join(dir, 'supervisord.conf') }),
      (e: unknown) =>
        e instanceof ConfigError &&
        e.message ===
          `env_file ${dir}/bad.env, line 2: expected KEY=value, got "nope" in section 'program:app' (file: '${dir}/supervisord.conf', line 6)`,
    );
  } finally {
    removeTree(dir);
  }
});

test('critical and console options with [supervisord] defaults', () => {
  const conf = `${HEAD}console=true\nconsole_format=json\nconsole_timestamps=yes\nexit_when_all_exited=true
[program:a]
command=/bin/true
critical=true
[program:b]
command=/bin/true
console=false
console_format=RAW
console_timestamps=false
`;
  const dir = tempTree({ 'supervisord.conf': conf });
  try {
    const c = loadConfig({ configFile: path.join(dir, 'supervisord.conf') });
    assert.deepEqual(
      [c.supervisord.console, c.supervisord.consoleFormat, c.supervisord.consoleTimestamps, c.supervisord.exitWhenAllExited],
      [true, 'json', true, true],
    );
    const a = c.groups.find((g) => g.name === 'a')!.processes[0]!;
    const b = c.groups.find((g) => g.name === 'b')!.processes[0]!;
    assert.deepEqual([a.critical, a.console, a.consoleFormat, a.consoleTimestamps], [true, true, 'json', true]);
    assert.deepEqual([b.critical, b.console, b.consoleFormat, b.consoleTimestamps], [false, false, 'raw', false]);
  } finally {
    removeTree(dir);
  }
});

test('bad extension values are errors with a location', () => {
  for (const [line, expected] of [
    ['console_format=xml', "invalid console_format value 'xml' (expected raw, prefix or json)"],
    ['critical=sure', "not a valid boolean value: 'sure'"],
  ] as const) {
    const dir = tempTree({ 'supervisord.conf': `${HEAD}[program:a]\ncommand=/bin/true\n${line}\n` });
    try {
      assert.throws(() => loadConfig({ configFile: path.join(dir, 'supervisord.conf') }), {
        message: `${expected} in section 'program:a' (file: '${dir}/supervisord.conf', line 6)`,
      });
    } finally {
      removeTree(dir);
    }
  }
});
