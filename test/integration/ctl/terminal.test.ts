// Integration: our shell in a real terminal (tmux): TAB completion, history file, password without echo,
// ^C leaves with status 0. Runs against the real supervisord.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  HAVE_REAL,
  startRealDaemon,
  ensureBuilt,
  waitFor,
  OUR_SUPERVISORCTL,
  type RealDaemon,
  prepareComparisons,
} from '../../conformance/ctl/harness.js';

const HAVE_TMUX = spawnSync('tmux', ['-V']).status === 0;

function tmux(socket: string, ...args: string[]): string {
  return execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
}

describe('the shell in a terminal', { skip: (!HAVE_REAL && 'no /usr/bin/supervisord') || (!HAVE_TMUX && 'no tmux') }, () => {
  let daemon: RealDaemon;
  let tmuxSocket: string;
  let conf: string;
  before(async () => {
    await prepareComparisons();
    ensureBuilt();
    daemon = await startRealDaemon();
    tmuxSocket = join(daemon.dir, 'tmux.sock');
    conf = join(daemon.dir, 'ctl.conf');
    writeFileSync(conf, `[supervisorctl]\nserverurl=unix://${daemon.socket}\nhistory_file=${join(daemon.dir, 'history')}\nprompt=tst\n`);
  });
  after(async () => {
    spawnSync('tmux', ['-S', tmuxSocket, 'kill-server']);
    await daemon?.stop();
  });

  const pane = () => tmux(tmuxSocket, 'capture-pane', '-p', '-t', 'ctl');
  const waitForPane = (what: RegExp) => waitFor(`${what} on screen`, async () => (what.test(pane()) ? true : null), 15000);

  it('completes, remembers history, and leaves on ^C with status 0', async () => {
    const statusFile = join(daemon.dir, 'exit-status');
    const command = `${process.execPath} ${OUR_SUPERVISORCTL} -c ${conf}; echo "exit=$?" > ${statusFile}`;
    tmux(tmuxSocket, 'new-session', '-d', '-s', 'ctl', '-x', '120', '-y', '40', command);
    await waitForPane(/tst>\s*$/m);
    assert.match(pane(), /^sleeper\s+RUNNING/m, 'the shell starts with status');

    tmux(tmuxSocket, 'send-keys', '-t', 'ctl', 'pid sle', 'Tab');
    await waitForPane(/tst> pid sleeper\s*$/m);
    tmux(tmuxSocket, 'send-keys', '-t', 'ctl', 'Enter');
    await waitForPane(/^\d+\ntst>\s*$/m);

    tmux(tmuxSocket, 'send-keys', '-t', 'ctl', 'status grp:', 'Tab', 'Tab');
    await waitForPane(/grp:grp_0 .*grp:\*.*grp:grp_1|grp:\*.*grp:grp_0.*grp:grp_1/);
    tmux(tmuxSocket, 'send-keys', '-t', 'ctl', 'C-u', 'version', 'Enter');
    await waitForPane(/^4\.2\.5$/m);

    tmux(tmuxSocket, 'send-keys', '-t', 'ctl', 'C-c');
    await waitFor('the shell to exit', async () => (existsSync(statusFile) ? true : null), 15000);
    assert.equal(readFileSync(statusFile, 'utf8').trim(), 'exit=0');
    const history = readFileSync(join(daemon.dir, 'history'), 'utf8').split('\n').map((l) => l.trim());
    assert.ok(history.includes('pid sleeper') && history.includes('version'), `history: ${history.join('|')}`);
  });

  it('tail -f in the shell stops on ^C and returns to the prompt', async () => {
    const command = `${process.execPath} ${OUR_SUPERVISORCTL} -c ${conf}`;
    tmux(tmuxSocket, 'new-session', '-d', '-s', 'ctl2', '-x', '120', '-y', '40', command);
    const pane2 = () => tmux(tmuxSocket, 'capture-pane', '-p', '-t', 'ctl2');
    await waitFor('prompt', async () => (/tst>\s*$/m.test(pane2()) ? true : null), 15000);
    tmux(tmuxSocket, 'send-keys', '-t', 'ctl2', 'tail -f talker', 'Enter');
    await waitFor('tail output', async () => (/out-line/.test(pane2()) ? true : null), 15000);
    tmux(tmuxSocket, 'send-keys', '-t', 'ctl2', 'C-c');
    await waitFor('prompt after ^C', async () => (/out-line\n(\^C)?\n*tst>\s*$/m.test(pane2()) ? true : null), 15000);
    tmux(tmuxSocket, 'send-keys', '-t', 'ctl2', 'quit', 'Enter');
  });
});
