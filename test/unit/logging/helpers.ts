// Shared helpers for the logging tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BufferedWriter } from '../../../src/logging/buffered-writer.js';
import type { SharedSink } from '../../../src/logging/shared-sink.js';
import type { MainLogger } from '../../../src/logging/api.js';
import type { LogLevelName } from '../../../src/config/model.js';
import { LOG_LEVELS, type OutputChannelOptions } from '../../../src/logging/api.js';
import { after } from 'node:test';

export function tempDir(prefix = 'sts-log-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** A temp-dir factory for one test file; every directory it made is removed after the file's tests. */
export function useTempDirs(): () => string {
  const made: string[] = [];
  after(() => made.forEach(removeDir));
  return () => {
    const d = tempDir();
    made.push(d);
    return d;
  };
}

/** Channel options for tests: process "web", no file, no console, a quiet in-memory main log. */
export function channelOptions(over: Partial<OutputChannelOptions> = {}): OutputChannelOptions {
  return {
    processName: 'web',
    groupName: 'web',
    channel: 'stdout',
    logfile: null,
    maxbytes: 0,
    backups: 0,
    stripAnsi: false,
    captureMaxbytes: 0,
    console: null,
    mainLog: new MemoryLogger(),
    getPid: () => 4242,
    onLogEvent: null,
    onCommEvent: null,
    ...over,
  };
}

/** Kill a child we started if it is still running (hooks must not throw on one that is gone). */
export function killIfRunning(child: { pid?: number; exitCode: number | null; signalCode: string | null }): void {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(child.pid, 'SIGKILL');
  } catch {
    /* exited meanwhile */
  }
}

/** Poll until `check` returns true, failing after `timeoutMs` (`what` may be computed at failure time). */
export async function waitFor(check: () => boolean, timeoutMs = 5000, what: string | (() => string) = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A console sink writing into a temp file, for inspecting console output. */
export function fileSink(file: string): SharedSink & { read(): Promise<string> } {
  const fd = fs.openSync(file, 'a');
  const writer = new BufferedWriter(fd, { highWaterMark: 1024 * 1024, hardLimit: 8 * 1024 * 1024 });
  return {
    writer,
    fd,
    key: file,
    refs: 1,
    ownsFd: true,
    async read() {
      await writer.idle();
      return fs.readFileSync(file, 'utf8');
    },
  };
}

/** A MainLogger that records messages in memory. */
export class MemoryLogger implements MainLogger {
  readonly lines: Array<{ level: LogLevelName; msg: string }> = [];
  constructor(readonly level: LogLevelName = 'info') {}
  enabled(level: LogLevelName): boolean {
    return LOG_LEVELS[level] >= LOG_LEVELS[this.level];
  }
  private add(level: LogLevelName, msg: string): void {
    if (this.enabled(level)) this.lines.push({ level, msg });
  }
  critical(msg: string): void {
    this.add('critical', msg);
  }
  error(msg: string): void {
    this.add('error', msg);
  }
  warn(msg: string): void {
    this.add('warn', msg);
  }
  info(msg: string): void {
    this.add('info', msg);
  }
  debug(msg: string): void {
    this.add('debug', msg);
  }
  trace(msg: string): void {
    this.add('trace', msg);
  }
  blather(msg: string): void {
    this.add('blather', msg);
  }
  reopen(): void {}
  clear(): void {}
  async close(): Promise<void> {}
}

/** Concatenate `base.N` … `base.1`, then `base`: the whole history in write order. */
export function readRotated(base: string, backups: number): Buffer {
  const parts: Buffer[] = [];
  for (let i = backups; i >= 1; i--) {
    const f = `${base}.${i}`;
    if (fs.existsSync(f)) parts.push(fs.readFileSync(f));
  }
  if (fs.existsSync(base)) parts.push(fs.readFileSync(base));
  return Buffer.concat(parts);
}
