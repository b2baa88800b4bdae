// The assertion every conformance test makes: same (normalised) stdout, same exit status.
import assert from 'node:assert/strict';
import { comparableOutputs, type Comparison } from './harness.js';

export async function assertSame(both: Comparison, label: string, opts: { unordered?: boolean } = {}): Promise<void> {
  let { real, ours } = await comparableOutputs(both);
  if (opts.unordered) {
    // for `all` the server returns results in the order the processes finished: compare as sets
    real = real.split('\n').sort().join('\n');
    ours = ours.split('\n').sort().join('\n');
  }
  const stderr = both.ours.stderr ? ` (our stderr: ${both.ours.stderr.slice(0, 500)})` : '';
  assert.equal(ours, real, `${label}: stdout differs${stderr}`);
  assert.equal(both.ours.code, both.real.code, `${label}: exit code differs (real ${both.real.code}, ours ${both.ours.code})`);
}
