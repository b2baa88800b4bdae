// The assertion every conformance test makes: same (normalised) stdout, same exit status.
import assert from 'node:assert/strict';
import { comparableOutputs, type Comparison } from './harness.js';

export async function assertSame(both: Comparison, label: string): Promise<void> {
  const { real, ours } = await comparableOutputs(both);
  assert.equal(ours, real, `${label}: stdout differs`);
  assert.equal(both.ours.code, both.real.code, `${label}: exit code differs (real ${both.real.code}, ours ${both.ours.code})`);
}
