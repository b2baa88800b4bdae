import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventListenerState as S } from '../../../src/core/states.js';
import {
  buildEnvelope, codePointLength, ListenerProtocolParser, type ProtocolStep,
} from '../../../src/events/listener-protocol.js';

/** Feed chunks like a pool would: drain steps after each chunk, "send" an event whenever READY. */
function drive(chunks: Buffer[], eventsToSend: number): { steps: string[]; parser: ListenerProtocolParser } {
  const parser = new ListenerProtocolParser();
  const steps: string[] = [];
  let remaining = eventsToSend;
  const describe = (s: ProtocolStep) => s.kind === 'result' ? `result:${s.body.toString('latin1')}`
    : s.kind === 'bad-result-line' ? `bad:${s.line.toString('latin1')}` : s.kind;
  for (const chunk of chunks) {
    parser.push(chunk);
    for (let step = parser.next(); step !== null; step = parser.next()) {
      steps.push(describe(step));
      if (step.kind === 'result') parser.resultAccepted();
      if (step.kind === 'bad-result-line') parser.enterUnknown();
      if (parser.state === S.READY && remaining > 0) {
        remaining--;
        parser.eventSent();
      }
    }
  }
  return { steps, parser };
}

function splits(stream: Buffer, cuts: number[]): Buffer[] {
  const points = [0, ...cuts, stream.length];
  return points.slice(1).map((end, i) => stream.subarray(points[i], end));
}

const CONVERSATION = Buffer.from('READY\nRESULT 2\nOKREADY\nRESULT 4\nFAILREADY\n');
const EXPECTED = ['ready', 'result:OK', 'ready', 'result:FAIL', 'ready'];

test('the same steps at every split into two and three chunks', () => {
  const n = CONVERSATION.length;
  for (let a = 0; a <= n; a++) {
    for (let b = a; b <= n; b++) {
      const { steps, parser } = drive(splits(CONVERSATION, [a, b]), 2);
      assert.deepEqual(steps, EXPECTED, `cuts ${a},${b}`);
      assert.equal(parser.state, S.READY);
    }
  }
});

test('one byte at a time', () => {
  const bytes = [...CONVERSATION].map((b) => Buffer.from([b]));
  assert.deepEqual(drive(bytes, 2).steps, EXPECTED);
});

test('result bodies may contain newlines and READY-like text', () => {
  const { steps } = drive([Buffer.from('READY\nRESULT 7\nREADY\n\nREADY\n')], 1);
  assert.deepEqual(steps, ['ready', 'result:READY\n\n', 'ready']);
});

test('state transitions are reported; reset is silent', () => {
  const seen: string[] = [];
  const parser = new ListenerProtocolParser((from, to) => seen.push(`${S[from]} -> ${S[to]}`));
  parser.push(Buffer.from('READY\n'));
  assert.deepEqual(parser.next(), { kind: 'ready' });
  parser.eventSent();
  parser.push(Buffer.from('RESULT 2\nOK'));
  assert.equal(parser.next()?.kind, 'result');
  assert.equal(parser.state, S.BUSY); // until the caller rules on the result
  assert.throws(() => parser.next(), /resultAccepted/);
  parser.resultAccepted();
  assert.equal(parser.next(), null);
  parser.reset();
  assert.deepEqual(seen, ['ACKNOWLEDGED -> READY', 'BUSY -> ACKNOWLEDGED']);
  assert.equal(parser.state, S.ACKNOWLEDGED);
});

test('violations: junk while ACKNOWLEDGED, anything while READY', () => {
  assert.deepEqual(drive([Buffer.from('hello\n')], 0).steps, ['violation']);
  assert.deepEqual(drive([Buffer.from('REA'), Buffer.from('X')], 0).steps, ['violation']);
  const { steps, parser } = drive([Buffer.from('READY\nREADY\n')], 0);
  assert.deepEqual(steps, ['ready', 'violation']);
  assert.equal(parser.state, S.UNKNOWN);
  // UNKNOWN swallows everything until reset
  parser.push(Buffer.from('READY\n'));
  assert.equal(parser.next(), null);
  assert.equal(parser.state, S.UNKNOWN);
  parser.reset();
  parser.push(Buffer.from('READY\n'));
  assert.deepEqual(parser.next(), { kind: 'ready' });
});

test('a partial READY is not a decision yet', () => {
  const { steps, parser } = drive([Buffer.from('READ')], 0);
  assert.deepEqual(steps, []);
  assert.equal(parser.state, S.ACKNOWLEDGED);
});

test('bad result lines go UNKNOWN; the length parses like Python int()', () => {
  assert.deepEqual(drive([Buffer.from('READY\nRESULT x\n')], 1).steps, ['ready', 'bad:RESULT x']);
  assert.deepEqual(drive([Buffer.from('READY\nRESULT\n')], 1).steps, ['ready', 'bad:RESULT']);
  assert.deepEqual(drive([Buffer.from('READY\nRESULT -1\n')], 1).steps, ['ready', 'bad:RESULT -1']);
  assert.deepEqual(drive([Buffer.from('READY\nRESULT  2 \r\nOK')], 1).steps, ['ready', 'result:OK']);
  assert.deepEqual(drive([Buffer.from('READY\nRESULT 1_0\n0123456789')], 1).steps, ['ready', 'result:0123456789']);
  assert.deepEqual(drive([Buffer.from('READY\nRESULT 0\nREADY\n')], 1).steps, ['ready', 'result:', 'ready']);
});

test('enterUnknown (result handler error) drops what follows', () => {
  const parser = new ListenerProtocolParser();
  parser.push(Buffer.from('READY\n'));
  parser.next();
  parser.eventSent();
  parser.push(Buffer.from('RESULT 2\nOKREADY\n'));
  assert.equal(parser.next()?.kind, 'result');
  parser.enterUnknown();
  assert.equal(parser.next(), null);
  assert.equal(parser.state, S.UNKNOWN);
});

test('eventSent outside READY is a programming error', () => {
  assert.throws(() => new ListenerProtocolParser().eventSent(), /ACKNOWLEDGED/);
});

test('envelope: header fields, len in code points, UTF-8 body', () => {
  const payload = 'processname:x groupname:x pid:1 channel:stdout\nh\u00e9 \u{1f600}';
  assert.equal(codePointLength(payload), payload.length - 1);
  const env = buildEnvelope({ server: 'supervisor', serial: 7, pool: 'p', poolSerial: 3, eventName: 'PROCESS_LOG_STDOUT' },
    payload);
  const header = 'ver:3.0 server:supervisor serial:7 pool:p poolserial:3 eventname:PROCESS_LOG_STDOUT len:'
    + `${[...payload].length}\n`;
  assert.deepEqual(env, Buffer.from(header + payload, 'utf8'));
  assert.equal(codePointLength(''), 0);
  assert.equal(codePointLength('\ud800'), 1); // a lone surrogate is one code point, as in Python
});
