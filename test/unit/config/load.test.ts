import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/index.js';
import { HEAD, removeTree, tempTree } from './helpers.js';

function withConfig<T>(files: Record<string, string>, fn: (file: string, dir: string) => T): T {
  const dir = tempTree(files);
  try {
    return fn(path.join(dir, 'supervisord.conf'), dir);
  } finally {
    removeTree(dir);
  }
}

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  assert.fail('expected a ConfigError');
}

test('defaults of [supervisord] and of a program', () => {
  withConfig({ 'supervisord.conf': '[supervisord]\n[program:x]\ncommand=/bin/cat\n' }, (file) => {
    const c = loadConfig({ configFile: file, env: {} });
    assert.equal(c.supervisord.logfile, path.resolve('supervisord.log'));
    assert.equal(c.supervisord.pidfile, path.resolve('supervisord.pid'));
    assert.equal(c.supervisord.childlogdir, tmpdir());
    assert.equal(c.supervisord.identifier, 'supervisor');
    assert.equal(c.supervisord.umask, 0o22);
    assert.equal(c.supervisord.loglevel, 'info');
    assert.equal(c.supervisord.logfileMaxbytes, 50 * 1024 * 1024);
    assert.equal(c.supervisord.minfds, 1024);
    assert.equal(c.supervisord.minprocs, 200);
    assert.equal(c.supervisord.console, false);
    assert.equal(c.supervisord.consoleFormat, 'prefix');
    assert.equal(c.supervisord.exitWhenAllExited, false);
    assert.equal(c.supervisorctl, null);
    const p = c.groups[0]!.processes[0]!;
    assert.equal(p.name, 'x');
    assert.equal(p.priority, 999);
    assert.equal(p.autorestart, 'unexpected');
    assert.equal(p.stopsignal, 15);
    assert.deepEqual(p.exitcodes, [0]);
    assert.equal(p.stdout.logfile, 'AUTO');
    assert.equal(p.stderr.logfileMaxbytes, 50 * 1024 * 1024);
    assert.equal(p.environment, null);
    assert.equal(p.serverurl, null);
    assert.equal(p.critical, false);
  });
});

test('numprocs and process_name formatting; groups sorted by priority then name', () => {
  const conf = `${HEAD}
[program:web]
command=/bin/sleep %(process_num)s
process_name=%(program_name)s_%(process_num)02d
numprocs=2
numprocs_start=9
[program:aaa]
command=/bin/true
priority=1000
[program:bbb]
command=/bin/true
priority=5
[group:g]
programs=bbb
priority=5
[eventlistener:l]
command=/bin/cat
events=tick_60
`;
  withConfig({ 'supervisord.conf': conf }, (file) => {
    const c = loadConfig({ configFile: file });
    assert.deepEqual(c.groups.map((g) => `${g.name}/${g.kind}/${g.priority}`), ['l/eventlistener/-1', 'g/group/5', 'web/program/999', 'aaa/program/1000']);
    const web = c.groups.find((g) => g.name === 'web')!;
    assert.deepEqual(web.processes.map((p) => [p.name, p.command, p.processNum, p.numprocs]), [
      ['web_09', '/bin/sleep 9', 9, 2],
      ['web_10', '/bin/sleep 10', 10, 2],
    ]);
    assert.deepEqual(c.groups.find((g) => g.name === 'l')!.listener, { events: ['TICK_60'], bufferSize: 10, resultHandler: 'supervisor.dispatchers:default_handler' });
    assert.equal(c.groups.find((g) => g.name === 'l')!.processes[0]!.priority, 999);
    assert.equal(c.groups.find((g) => g.name === 'g')!.source.section, 'group:g');
  });
});

test('errors carry Supervisor text plus file and line of the option', () => {
  withConfig({ 'supervisord.conf': `${HEAD}[program:x]\ncommand=/bin/true\nstopsignal=FOO\n` }, (file) => {
    const e = errorOf(() => loadConfig({ configFile: file }));
    assert.equal(e.message, `value 'FOO' is not a valid signal name in section 'program:x' (file: '${file}', line 6)`);
    assert.equal(e.baseMessage, "value 'FOO' is not a valid signal name");
    assert.deepEqual([e.file, e.line, e.section, e.option], [file, 6, 'program:x', 'stopsignal']);
  });
  withConfig({ 'supervisord.conf': `${HEAD}[program:x]\nnumprocs=1\n` }, (file) => {
    assert.equal(
      errorOf(() => loadConfig({ configFile: file })).message,
      `program section program:x does not specify a command in section 'program:x' (file: '${file}', line 4)`,
    );
  });
  withConfig({ 'supervisord.conf': '[supervisord]\nloglevel=warning\n' }, (file) => {
    assert.equal(
      errorOf(() => loadConfig({ configFile: file })).message,
      `bad logging level name 'warning' in section 'supervisord' (file: '${file}', line 2)`,
    );
  });
});

test('an error in an included file names that file', () => {
  const files = { 'supervisord.conf': `${HEAD}[include]\nfiles=conf.d/*.conf\n`, 'conf.d/x.conf': '\n[program:x]\ncommand=/bin/true\nuser=nosuchuser\n' };
  withConfig(files, (file, dir) => {
    const e = errorOf(() => loadConfig({ configFile: file }));
    assert.equal(e.message, `Invalid user name nosuchuser in section 'program:x' (file: '${dir}/conf.d/x.conf', line 4)`);
  });
});

test('missing and unreadable config files, no [supervisord]', () => {
  assert.equal(errorOf(() => loadConfig({ configFile: '/nonexistent/x.conf' })).message, 'could not find config file /nonexistent/x.conf');
  assert.equal(errorOf(() => loadConfig({ configFile: tmpdir() })).message, `could not read config file ${tmpdir()}`);
  withConfig({ 'supervisord.conf': '[program:x]\ncommand=/bin/true\n' }, (file) => {
    assert.equal(
      errorOf(() => loadConfig({ configFile: file })).message,
      `.ini file does not include supervisord section (file: '${file}')`,
    );
  });
});

test('include: infos for each file read, a warning for patterns matching nothing, no recursion', () => {
  const files = {
    'supervisord.conf': `${HEAD}[include]\nfiles=b/*.conf a/*.conf none/*.conf\n`,
    'a/2.conf': '[program:a2]\ncommand=/bin/true\n',
    'a/1.conf': '[program:a1]\ncommand=/bin/true\n[include]\nfiles=../nested/*.conf\n',
    'b/x.conf': '[program:b]\ncommand=%(here)s/run\n',
    'nested/n.conf': '[program:n]\ncommand=/bin/true\n',
  };
  withConfig(files, (file, dir) => {
    const c = loadConfig({ configFile: file });
    assert.deepEqual(c.infos, [
      `Included extra file "${dir}/b/x.conf" during parsing`,
      `Included extra file "${dir}/a/1.conf" during parsing`,
      `Included extra file "${dir}/a/2.conf" during parsing`,
    ]);
    assert.deepEqual(c.warnings, [`No file matches via include "${dir}/none/*.conf"`]);
    assert.deepEqual(c.groups.map((g) => g.name).sort(), ['a1', 'a2', 'b']);
    assert.equal(c.groups.find((g) => g.name === 'b')!.processes[0]!.command, `${dir}/b/run`);
  });
});

test('parse-time warnings use Supervisor texts', () => {
  const conf = `${HEAD}
[program:a]
command=/bin/true
stdout_logfile_maxbytes=0
stderr_logfile=syslog
redirect_stderr=false
[program:b]
command=/bin/true
redirect_stderr=true
stderr_logfile=/tmp/err.log
[rpcinterface:custom]
supervisor.rpcinterface_factory = mypkg.rpc:make
retries = 3
`;
  withConfig({ 'supervisord.conf': conf }, (file) => {
    const c = loadConfig({ configFile: file });
    assert.deepEqual(c.warnings.slice(1), [
      'For [program:a], AUTO logging used for stdout_logfile without rollover, set maxbytes > 0 to avoid filling up filesystem unintentionally',
      'For [program:a], stderr_logfile=syslog but this is deprecated and will be removed.  Use stderr_syslog=true to enable syslog instead.',
      'For [program:b], redirect_stderr=true but stderr_logfile has also been set to a filename, the filename has been ignored',
    ]);
    assert.match(c.warnings[0]!, /^\[rpcinterface:custom\] supervisor\.rpcinterface_factory mypkg\.rpc:make is a Python callable/);
    assert.deepEqual(c.rpcinterfaces, [{ name: 'custom', factory: 'mypkg.rpc:make', params: { retries: '3' } }]);
    const a = c.groups.find((g) => g.name === 'a')!.processes[0]!;
    assert.deepEqual([a.stderr.logfile, a.stderr.syslog], [null, true]);
    assert.equal(c.groups.find((g) => g.name === 'b')!.processes[0]!.stderr.logfile, null);
  });
});

test('command-line overrides win over the file, which is still validated', () => {
  withConfig({ 'supervisord.conf': `${HEAD}loglevel=debug\nnodaemon=false\n` }, (file, dir) => {
    const c = loadConfig({ configFile: file, cliOverrides: { nodaemon: true, logfile: 'rel.log', user: 'root' } });
    assert.equal(c.supervisord.nodaemon, true);
    assert.equal(c.supervisord.loglevel, 'debug');
    assert.equal(c.supervisord.logfile, path.resolve('rel.log'));
    assert.equal(c.supervisord.pidfile, `${dir}/sd.pid`);
    assert.deepEqual([c.supervisord.user, c.supervisord.uid], ['root', 0]);
    assert.equal(errorOf(() => loadConfig({ configFile: file, cliOverrides: { user: 'nosuchuser' } })).message, 'Invalid user name nosuchuser');
  });
  withConfig({ 'supervisord.conf': '[supervisord]\nloglevel=nope\n' }, (file) => {
    assert.throws(() => loadConfig({ configFile: file, cliOverrides: { loglevel: 'debug' } }), /bad logging level name 'nope'/);
  });
});

test('%(ENV_X)s uses the given environment; [supervisord] environment feeds program sections', () => {
  const conf = `${HEAD}environment=FROM_SUP="s"\n[program:x]\ncommand=/bin/echo %(ENV_MINE)s %(ENV_FROM_SUP)s %(ENV_LOCAL)s\nenvironment=LOCAL=l\n`;
  withConfig({ 'supervisord.conf': conf }, (file) => {
    const c = loadConfig({ configFile: file, env: { MINE: 'm%x' } });
    assert.equal(c.groups[0]!.processes[0]!.command, '/bin/echo m%x s l');
    assert.deepEqual(c.supervisord.environment, { FROM_SUP: 's' });
    assert.deepEqual(c.groups[0]!.processes[0]!.environment, { LOCAL: 'l' });
  });
});

test('servers and supervisorctl section', () => {
  const conf = `${HEAD}[unix_http_server]\nfile=%(here)s/s.sock\n[inet_http_server]\nport=127.0.0.1:9123\nusername=u\npassword=p\n[supervisorctl]\nserverurl=unix://%(here)s/s.sock\n`;
  withConfig({ 'supervisord.conf': conf }, (file, dir) => {
    const c = loadConfig({ configFile: file });
    assert.deepEqual(c.servers, [
      { kind: 'inet', section: 'inet_http_server', host: '127.0.0.1', port: 9123, username: 'u', password: 'p' },
      { kind: 'unix', section: 'unix_http_server', file: `${dir}/s.sock`, chmod: 0o700, chown: null, username: null, password: null },
    ]);
    assert.equal(c.supervisorctl?.serverurl, `unix://${dir}/s.sock`);
  });
});

test('config discovery: search paths relative to the executable, then cwd and /etc', () => {
  withConfig({ 'etc/supervisord.conf': '[supervisord]\nidentifier=found\n' }, (_file, dir) => {
    const c = loadConfig({ argv0: path.join(dir, 'bin', 'supervisord') });
    assert.equal(c.configFile, path.join(dir, 'etc', 'supervisord.conf'));
    assert.equal(c.supervisord.identifier, 'found');
  });
});

test('a [supervisorctl] section supervisorctl would reject does not stop supervisord', () => {
  withConfig({ 'supervisord.conf': `${HEAD}[supervisorctl]\nserverurl=%(nope)s\n` }, (file) => {
    assert.equal(loadConfig({ configFile: file }).supervisorctl, null);
  });
});

test('numprocs: each process expands environment= against the daemon ENV_ names, not the previous process values', () => {
  const conf =
    `${HEAD}[program:x]\ncommand=/bin/true\nnumprocs=3\nprocess_name=%(program_name)s_%(process_num)s\n` +
    `environment=FOO="x%(ENV_FOO)s",BAZ="z"\nstdout_logfile=%(here)s/%(ENV_FOO)s-%(ENV_BAZ)s-%(process_num)s.log\n`;
  withConfig({ 'supervisord.conf': conf }, (file, dir) => {
    const loaded = loadConfig({ configFile: file, env: { FOO: 'outer' } });
    const procs = loaded.groups[0]!.processes;
    // what Supervisor 4.2.5 gives for this file with FOO=outer
    assert.deepEqual(
      procs.map((p) => [p.name, p.environment, p.stdout.logfile]),
      [0, 1, 2].map((n) => [`x_${n}`, { FOO: 'xouter', BAZ: 'z' }, path.join(dir, `xouter-z-${n}.log`)]),
    );
  });
});
