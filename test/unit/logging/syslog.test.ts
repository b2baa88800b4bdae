import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSyslog, syslogAvailable } from '../../../src/logging/syslog.js';

test('syslog(3) is bound through koffi and sending never throws', () => {
  assert.equal(syslogAvailable(), true);
  const target = openSyslog((line) => `supervisor-ts-test ${line}`);
  assert.doesNotThrow(() => target.send('info', 'test line one\ntest line two\n'));
  assert.doesNotThrow(() => target.send('critical', '%s %d %n format characters are passed as data'));
  target.close();
});
