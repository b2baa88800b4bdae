import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyMinimumLimits, RlimitError, type LimitAccess } from '../../../src/os/rlimits.js';
import { RLIMIT_NOFILE, RLIMIT_NPROC, type RLimit } from '../../../src/os/ffi.js';

const SRC_OS = pathToFileURL(join(import.meta.dirname, '..', '..', '..', 'src', 'os')).href;

function fakeLimits(initial: Record<number, RLimit>, canRaiseHard: boolean): LimitAccess & { now: Record<number, RLimit> } {
  const now = { ...initial };
  return {
    now,
    get: (resource) => ({ ...now[resource] }),
    set: (resource, limit) => {
      const old = now[resource];
      const raisesHard = old.hard !== null && (limit.hard === null || limit.hard > old.hard);
      if (raisesHard && !canRaiseHard) throw new Error('EPERM');
      now[resource] = { ...limit };
    },
  };
}

test('soft limits below the minimum are raised and reported', () => {
  const limits = fakeLimits({ [RLIMIT_NOFILE]: { soft: 1024, hard: 4096 }, [RLIMIT_NPROC]: { soft: 100, hard: null } }, false);
  const infos = applyMinimumLimits({ minfds: 2048, minprocs: 200 }, limits);
  assert.deepEqual(infos, ['Increased RLIMIT_NOFILE limit to 2048', 'Increased RLIMIT_NPROC limit to 200']);
  assert.deepEqual(limits.now[RLIMIT_NOFILE], { soft: 2048, hard: 4096 });
  assert.deepEqual(limits.now[RLIMIT_NPROC], { soft: 200, hard: null });
});

test('limits already high enough or unlimited are left alone', () => {
  const limits = fakeLimits({ [RLIMIT_NOFILE]: { soft: 4096, hard: 4096 }, [RLIMIT_NPROC]: { soft: null, hard: null } }, false);
  assert.deepEqual(applyMinimumLimits({ minfds: 1024, minprocs: 200 }, limits), []);
});

test('root may raise the hard limit too', () => {
  const limits = fakeLimits({ [RLIMIT_NOFILE]: { soft: 100, hard: 200 }, [RLIMIT_NPROC]: { soft: null, hard: null } }, true);
  assert.deepEqual(applyMinimumLimits({ minfds: 1024, minprocs: 1 }, limits), ['Increased RLIMIT_NOFILE limit to 1024']);
  assert.deepEqual(limits.now[RLIMIT_NOFILE], { soft: 1024, hard: 1024 });
});

test('a limit that cannot be raised stops startup with an explanation naming the setting and the numbers', () => {
  const limits = fakeLimits({ [RLIMIT_NOFILE]: { soft: 100, hard: 200 }, [RLIMIT_NPROC]: { soft: null, hard: null } }, false);
  assert.throws(() => applyMinimumLimits({ minfds: 1024, minprocs: 1 }, limits), (err: unknown) =>
    err instanceof RlimitError && /at least 1024 file descriptors/.test(err.message) && /"minfds"/.test(err.message) && /only 200/.test(err.message));
});

test('the real setrlimit raises a lowered soft limit (in a child process)', () => {
  const script = `
    import { getrlimit, setrlimit, RLIMIT_NOFILE } from '${SRC_OS}/ffi.ts';
    import { applyMinimumLimits } from '${SRC_OS}/rlimits.ts';
    const { hard } = getrlimit(RLIMIT_NOFILE);
    setrlimit(RLIMIT_NOFILE, { soft: 256, hard });
    const infos = applyMinimumLimits({ minfds: 512, minprocs: 1 });
    console.log(JSON.stringify({ infos, after: getrlimit(RLIMIT_NOFILE).soft }));
  `;
  const r = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { infos: ['Increased RLIMIT_NOFILE limit to 512'], after: 512 });
});
