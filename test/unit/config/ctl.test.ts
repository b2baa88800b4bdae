import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCtlConfig } from '../../../src/config/index.js';
import { removeTree, tempTree } from './helpers.js';

test('[supervisorctl]: defaults, unix path normalised, %(here)s, history file', () => {
  const dir = tempTree({
    'a.conf': '[supervisorctl]\n',
    'b.conf': '[supervisorctl]\nserverurl=unix://%(here)s/x/../s.sock\nusername=u\npassword=p\nprompt=box\nhistory_file=%(here)s/h\n',
    'c.conf': '[supervisord]\n',
    'd.conf': '[include]\nfiles=x.conf\n[supervisorctl]\nserverurl=http://%(ENV_H)s:1\n',
  });
  try {
    assert.deepEqual(loadCtlConfig(path.join(dir, 'a.conf')), {
      serverurl: 'http://localhost:9001',
      username: null,
      password: null,
      prompt: 'supervisor',
      historyFile: null,
    });
    assert.deepEqual(loadCtlConfig(path.join(dir, 'b.conf')), {
      serverurl: `unix://${dir}/s.sock`,
      username: 'u',
      password: 'p',
      prompt: 'box',
      historyFile: `${dir}/h`,
    });
    assert.throws(() => loadCtlConfig(path.join(dir, 'c.conf')), {
      message: `.ini file does not include supervisorctl section (file: '${dir}/c.conf')`,
    });
    assert.equal(loadCtlConfig(path.join(dir, 'd.conf'), { env: { H: 'h1' } }).serverurl, 'http://h1:1');
    assert.throws(() => loadCtlConfig(path.join(dir, 'missing.conf')), { message: `could not find config file ${dir}/missing.conf` });
  } finally {
    removeTree(dir);
  }
});

test('no file given and none at the default paths: built-in defaults', (t) => {
  const dir = tempTree({});
  const cwd = process.cwd();
  try {
    process.chdir(dir);
    // the system's own /etc config, if any, would legitimately be found
    if (['/etc/supervisord.conf', '/etc/supervisor/supervisord.conf'].some((p) => existsSync(p))) {
      t.skip('a system-wide supervisord.conf exists');
      return;
    }
    assert.equal(loadCtlConfig(undefined, { argv0: path.join(dir, 'bin', 'supervisorctl') }).serverurl, 'http://localhost:9001');
  } finally {
    process.chdir(cwd);
    removeTree(dir);
  }
});
