// The event listener wire protocol (dispatchers.py PEventListenerDispatcher + process.py
// _eventEnvelope): an incremental parser of a listener's stdout, and the envelope written to its stdin.
//
// Used by listener-pool.ts; the core never needs this file directly.
//
// Listener states: ACKNOWLEDGED (waiting for `READY\n`) -> READY (may receive an event) -> BUSY
// (waiting for `RESULT <n>\n` + n bytes) -> ACKNOWLEDGED ...; UNKNOWN is terminal until respawn.
//
// Deviations from 4.2.5, all about listeners that already broke the protocol:
//  - while ACKNOWLEDGED, bytes that cannot begin `READY\n` are a violation at once (Supervisor waits
//    until 6 bytes have arrived before deciding; a listener that stops short would hang forever);
//  - `RESULT 0\n` completes at once (Supervisor waits for more bytes to arrive);
//  - a negative length is a bad result line (Supervisor would stall on it).
// Like Supervisor, the text before the length is not checked: the length is whatever follows the
// first 7 bytes (`RESULT `), parsed like Python's int().
import { EventListenerState } from '../core/states.js';
import { parsePythonIntBytes } from '../python/int.js';

const READY_TOKEN = Buffer.from('READY\n');
const RESULT_PREFIX_LENGTH = 'RESULT '.length;

export type ProtocolStep =
  /** `READY\n` while ACKNOWLEDGED; the state is now READY */
  | { kind: 'ready' }
  /** a complete result while BUSY; the caller must now call resultAccepted() or enterUnknown() */
  | { kind: 'result'; body: Buffer }
  /** a result line whose length does not parse; the caller must now call enterUnknown() */
  | { kind: 'bad-result-line'; line: Buffer }
  /** bytes that are not allowed in the current state; the state is now UNKNOWN */
  | { kind: 'violation' };

export type ListenerStateChange = (from: EventListenerState, to: EventListenerState) => void;

export class ListenerProtocolParser {
  private buffer: Buffer = Buffer.alloc(0);
  private resultLength: number | null = null;
  private currentState = EventListenerState.ACKNOWLEDGED;
  /** a result (or bad result line) was returned and the caller has not ruled on it yet */
  private verdictPending = false;

  /** onStateChange is told about protocol transitions (not about reset()), for the debug log */
  constructor(private readonly onStateChange: ListenerStateChange = () => {}) {}

  get state(): EventListenerState {
    return this.currentState;
  }

  /** A new listener process: ACKNOWLEDGED with nothing buffered (Supervisor makes a new dispatcher). */
  reset(): void {
    this.currentState = EventListenerState.ACKNOWLEDGED;
    this.buffer = Buffer.alloc(0);
    this.resultLength = null;
    this.verdictPending = false;
  }

  /** An event envelope was written to the listener: READY -> BUSY (not reported, as in Supervisor). */
  eventSent(): void {
    if (this.currentState !== EventListenerState.READY) {
      throw new Error(`event sent to a listener in state ${EventListenerState[this.currentState]}`);
    }
    this.currentState = EventListenerState.BUSY;
  }

  /** The result was handled (processed or rejected): BUSY -> ACKNOWLEDGED. */
  resultAccepted(): void {
    if (!this.verdictPending) throw new Error('resultAccepted() without a pending result');
    this.verdictPending = false;
    this.changeState(EventListenerState.ACKNOWLEDGED);
  }

  /** Bad result line, failing result handler, or protocol violation: out of the game until respawn. */
  enterUnknown(): void {
    this.buffer = Buffer.alloc(0);
    this.resultLength = null;
    this.verdictPending = false;
    this.changeState(EventListenerState.UNKNOWN);
  }

  /** Append bytes read from the listener's stdout; then call next() until it returns null. */
  push(chunk: Buffer): void {
    if (this.currentState === EventListenerState.UNKNOWN || chunk.length === 0) return;
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** The next complete protocol step in the buffered bytes, or null when more bytes are needed. */
  next(): ProtocolStep | null {
    if (this.verdictPending) throw new Error('next() before resultAccepted()/enterUnknown()');
    if (this.buffer.length === 0) return null;
    switch (this.currentState) {
      case EventListenerState.UNKNOWN:
        this.buffer = Buffer.alloc(0);
        return null;
      case EventListenerState.ACKNOWLEDGED:
        return this.expectReady();
      case EventListenerState.READY:
        // a READY listener has nothing to say: be strict about it, as Supervisor is
        return this.violation();
      case EventListenerState.BUSY:
        return this.resultLength === null ? this.expectResultLine() : this.expectResultBody();
    }
  }

  private expectReady(): ProtocolStep | null {
    const n = Math.min(this.buffer.length, READY_TOKEN.length);
    if (!this.buffer.subarray(0, n).equals(READY_TOKEN.subarray(0, n))) return this.violation();
    if (n < READY_TOKEN.length) return null;
    this.buffer = this.buffer.subarray(READY_TOKEN.length);
    this.changeState(EventListenerState.READY);
    return { kind: 'ready' };
  }

  private expectResultLine(): ProtocolStep | null {
    const eol = this.buffer.indexOf(0x0a);
    if (eol === -1) return null;
    const line = this.buffer.subarray(0, eol);
    this.buffer = this.buffer.subarray(eol + 1);
    const length = parsePythonIntBytes(line.subarray(RESULT_PREFIX_LENGTH));
    if (length === null || length < 0) {
      this.verdictPending = true;
      return { kind: 'bad-result-line', line: Buffer.from(line) };
    }
    this.resultLength = length;
    return this.expectResultBody();
  }

  private expectResultBody(): ProtocolStep | null {
    const length = this.resultLength ?? 0;
    if (this.buffer.length < length) return null;
    const body = Buffer.from(this.buffer.subarray(0, length));
    this.buffer = this.buffer.subarray(length);
    this.resultLength = null;
    this.verdictPending = true;
    return { kind: 'result', body };
  }

  private violation(): ProtocolStep {
    this.enterUnknown();
    return { kind: 'violation' };
  }

  private changeState(to: EventListenerState): void {
    const from = this.currentState;
    this.currentState = to;
    this.onStateChange(from, to);
  }
}

/** Python len() of a str: code points, so an astral character counts once. */
export function codePointLength(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

export interface EnvelopeHeader {
  /** supervisord's `identifier` option */
  server: string;
  serial: number;
  pool: string;
  poolSerial: number;
  eventName: string;
}

/** The header line plus payload written to a listener's stdin, UTF-8 encoded; len counts code points. */
export function buildEnvelope(header: EnvelopeHeader, payload: string): Buffer {
  const line = `ver:3.0 server:${header.server} serial:${header.serial} pool:${header.pool} `
    + `poolserial:${header.poolSerial} eventname:${header.eventName} len:${codePointLength(payload)}\n`;
  return Buffer.from(line + payload, 'utf8');
}
