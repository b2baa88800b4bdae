// The same programs started by the real supervisord and by our spawnChild: what the programs see
// (environment, umask, cwd, user, groups, fds) and the failure texts they leave in their logs must match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userByName } from '../../../src/os/users.js';
import { buildChildEnv } from '../../../src/process/env.js';
import { getExecArgs } from '../../../src/process/exec-check.js';
import { runToEnd, waitFor } from '../../integration/process/spawn-helpers.js';

const SUPERVISORD = '/usr/bin/supervisord';
const isRoot = process.getuid?.() === 0;

interface Program {
  name: string;
  command: string;
  directory?: string;
  umask?: number;
  user?: { name: string; uid: number };
  environment?: Record<string, string>;
  redirectStderr?: boolean;
}

function programSection(p: Program, dir: string): string {
  const lines = [
    `[program:${p.name}]`, `command=${p.command}`, 'autostart=true', 'autorestart=false', 'startsecs=0', 'startretries=0',
    `stdout_logfile=${join(dir, `${p.name}.out`)}`, `stderr_logfile=${join(dir, `${p.name}.err`)}`,
  ];
  if (p.directory) lines.push(`directory=${p.directory}`);
  if (p.umask !== undefined) lines.push(`umask=${p.umask.toString(8).padStart(3, '0')}`);
  if (p.user) lines.push(`user=${p.user.name}`);
  if (p.environment) lines.push(`environment=${Object.entries(p.environment).map(([k, v]) => `${k}="${v}"`).join(',')}`);
  if (p.redirectStderr) lines.push('redirect_stderr=true');
  return lines.join('\n');
}

test('programs see the same world, and fail with the same texts, under both supervisors', async (t) => {
  if (!existsSync(SUPERVISORD)) return t.skip('real supervisord not installed');
  const dir = mkdtempSync(join(tmpdir(), 'spawn-conf-'));
  const socket = join(dir, 'sd.sock');
  const script = join(dir, 'not-a-binary');
  writeFileSync(script, 'echo this must not run\n');
  chmodSync(script, 0o755);
  const probe = "sh -c 'env | grep -E \"^(SUPERVISOR_|FOO=)\" | sort; umask; pwd; id -u; id -G; ls /proc/self/fd | wc -l'";
  const programs: Program[] = [
    { name: 'probe', command: probe, directory: '/tmp', umask: 0o027, environment: { FOO: 'bar baz' } },
    { name: 'nochdir', command: 'sh -c "echo never"', directory: join(dir, 'missing') },
    { name: 'noexec', command: script },
    { name: 'mixed', command: "sh -c 'echo out; echo err >&2; exit 3'", redirectStderr: true },
  ];
  const nobody = userByName('nobody');
  if (isRoot && nobody) programs.push({ name: 'asnobody', command: probe, user: { name: 'nobody', uid: nobody.uid }, directory: '/tmp' });

  const baseEnv = { PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C' };
  const config = [
    '[unix_http_server]', `file=${socket}`,
    '[supervisord]', 'nodaemon=true', `logfile=${join(dir, 'sd.log')}`, `pidfile=${join(dir, 'sd.pid')}`, `childlogdir=${dir}`,
    '[rpcinterface:supervisor]', 'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    ...programs.map((p) => programSection(p, dir)),
  ].join('\n') + '\n';
  writeFileSync(join(dir, 'sd.conf'), config);

  const real = spawn(SUPERVISORD, ['-c', join(dir, 'sd.conf')], { env: baseEnv, stdio: 'ignore' });
  try {
    const logOf = (name: string, stream: 'out' | 'err'): string => {
      try { return readFileSync(join(dir, `${name}.${stream}`), 'utf8'); } catch { return ''; }
    };
    await waitFor(() => programs.every((p) => logOf(p.name, 'out') !== '' || logOf(p.name, 'err') !== ''), 30000, 'real supervisord programs');
    // the probe writes several lines: give the last ones a moment to land
    await new Promise((r) => setTimeout(r, 500));

    for (const p of programs) {
      const args = getExecArgs(p.command, { programEnvironment: p.environment ?? null, supervisordEnvironment: baseEnv });
      assert.ok(args.ok, p.name);
      const env = buildChildEnv({
        baseEnvironment: baseEnv, serverUrl: `unix://${socket}`, processName: p.name, groupName: p.name, programEnvironment: p.environment ?? null,
      });
      const ours = await runToEnd({
        processName: p.name, filename: args.filename, argv: args.argv, env, directory: p.directory ?? null,
        umask: p.umask ?? null, uid: p.user?.uid ?? null, redirectStderr: p.redirectStderr ?? false,
      });
      assert.equal(ours.stdout, logOf(p.name, 'out'), `${p.name} stdout`);
      assert.equal(ours.stderr, p.redirectStderr ? '' : logOf(p.name, 'err'), `${p.name} stderr`);
    }
  } finally {
    real.kill('SIGTERM');
    await new Promise((resolve) => { if (real.exitCode !== null) resolve(null); else real.once('exit', resolve); });
    rmSync(dir, { recursive: true, force: true });
  }
});
