// Every rejected configuration names where the problem is: the file, and the line whenever there is one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../../src/config/index.js';
import { INVALID_CASES, QUIRK_INVALID_CASES } from '../../conformance/config/parity-cases.js';
import { removeTree, tempTree } from './helpers.js';

/** Errors that already carry their location in Supervisor's own text, or concern the whole file. */
const SELF_LOCATED = [/^Source contains parsing errors: /, /^File contains no section headers\./];

for (const c of [...INVALID_CASES, ...QUIRK_INVALID_CASES]) {
  test(`located error: ${c.name}`, () => {
    const dir = tempTree(c.files);
    try {
      const file = path.join(dir, 'supervisord.conf');
      let error: unknown;
      try {
        loadConfig({ configFile: file });
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
      if (SELF_LOCATED.some((re) => re.test(error.message))) return;
      assert.ok(error.file?.startsWith(dir), `no file in: ${error.message}`);
      if (error.baseMessage !== '.ini file does not include supervisord section') {
        assert.ok(typeof error.line === 'number' && error.line > 0, `no line in: ${error.message}`);
        assert.ok(error.message.endsWith(`, line ${error.line})`), error.message);
      }
    } finally {
      removeTree(dir);
    }
  });
}
