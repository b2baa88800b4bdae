// Micro-benchmark: RotatingFile and OutputChannel throughput vs `cat file > out` for the same amount
// of data. Each case runs several times and the best run is shown (shared machines are noisy).
// Usage: node --import tsx bench/micro/log-writer.ts [MiB=200] [runs=3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { RotatingFile } from '../../src/logging/rotating-file.js';
import { createOutputChannel } from '../../src/logging/output-channel.js';
import { createMainLogger } from '../../src/logging/main-log.js';

const MiB = 1024 * 1024;
const total = Number(process.argv[2] ?? 200) * MiB;
const runs = Number(process.argv[3] ?? 3);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-log-'));

interface Run {
  ms: number;
  note: string;
}

/** With few backups older data is deleted by design: check the kept amount is what rotation allows. */
function describeKept(onDisk: number, written: number, maxbytes: number, backups: number): string {
  if (onDisk === written) return 'all bytes on disk';
  const keepable = maxbytes * (backups + 1);
  return onDisk <= keepable + 64 * 1024 * (backups + 1) ? `newest ${(onDisk / MiB).toFixed(1)} MiB kept` : `MISMATCH ${onDisk}`;
}

/** Size of `name.log*` in the bench dir, then delete them. */
function collect(name: string): number {
  let size = 0;
  for (const n of fs.readdirSync(dir)) {
    if (!n.startsWith(`${name}.log`)) continue;
    size += fs.statSync(path.join(dir, n)).size;
    fs.unlinkSync(path.join(dir, n));
  }
  return size;
}

function waitDrain(target: { onDrain(l: () => void): () => void }): Promise<void> {
  return new Promise((resolve) => target.onDrain(resolve));
}

/** Write `total` bytes in chunks of `chunkSize`, honouring backpressure like the core would. */
async function runWriter(chunkSize: number, maxbytes: number, backups: number): Promise<Run> {
  const chunk = Buffer.alloc(chunkSize, 0x61);
  for (let i = 79; i < chunkSize; i += 80) chunk[i] = 0x0a;
  const w = new RotatingFile({ path: path.join(dir, 'w.log'), maxbytes, backups });
  const start = performance.now();
  let written = 0;
  while (written < total) {
    // producers hand over fresh buffers (like pipe reads)
    const ok = w.write(chunkSize >= 16 * 1024 ? Buffer.from(chunk) : chunk);
    written += chunkSize;
    if (!ok) await waitDrain(w);
  }
  await w.close();
  const ms = performance.now() - start;
  return { ms, note: describeKept(collect('w'), written, maxbytes, backups) };
}

/** The whole channel path (capture scan + strip_ansi + file) as the core drives it. */
async function runChannel(stripAnsi: boolean, captureMaxbytes: number): Promise<Run> {
  const mainLog = createMainLogger();
  mainLog.configure({ logfile: null, maxbytes: 0, backups: 0, level: 'info', echo: false });
  const ch = createOutputChannel({
    processName: 'bench', groupName: 'bench', channel: 'stdout', logfile: path.join(dir, 'c.log'),
    maxbytes: 50 * 1000 * 1000, backups: 10, stripAnsi, captureMaxbytes, console: null,
    mainLog, getPid: () => 1, onLogEvent: null, onCommEvent: null,
  });
  const line = Buffer.from('2026-11-25 12:00:00 \x1b[32mINFO\x1b[0m request served in 12 ms, status 200 OK\n');
  const chunk = Buffer.concat(Array.from({ length: Math.floor(65536 / line.length) }, () => line));
  const start = performance.now();
  let written = 0;
  while (written < total) {
    const ok = ch.write(Buffer.from(chunk));
    written += chunk.length;
    if (ok === false) await waitDrain(ch);
  }
  await ch.close();
  const ms = performance.now() - start;
  collect('c');
  return { ms, note: '' };
}

async function runCat(): Promise<Run> {
  const src = path.join(dir, 'source');
  const out = path.join(dir, 'cat-out');
  if (!fs.existsSync(src)) {
    const block = Buffer.alloc(MiB, 0x61);
    const fd = fs.openSync(src, 'w');
    for (let i = 0; i < total / MiB; i++) fs.writeSync(fd, block);
    fs.closeSync(fd);
  }
  const start = performance.now();
  const r = spawnSync('sh', ['-c', `cat "${src}" > "${out}"`], { stdio: 'inherit' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error('cat failed');
  fs.unlinkSync(out);
  return { ms, note: '' };
}

async function best(name: string, run: () => Promise<Run>): Promise<void> {
  let top: Run | null = null;
  for (let i = 0; i < runs; i++) {
    const r = await run();
    if (top === null || r.ms < top.ms) top = r;
  }
  const rate = `${(total / MiB / (top!.ms / 1000)).toFixed(0)} MiB/s`;
  console.log(`${name.padEnd(36)} ${rate.padStart(12)}  (${(top!.ms / 1000).toFixed(2)} s${top!.note ? `, ${top!.note}` : ''})`);
}

console.log(`writing ${total / MiB} MiB into ${dir}, best of ${runs}`);
await best('cat file > out', runCat);
await best('writer: 64KiB chunks, no rotation', () => runWriter(64 * 1024, 0, 0));
await best('writer: 64KiB chunks, rotate 50MB x10', () => runWriter(64 * 1024, 50 * 1000 * 1000, 10));
await best('writer: 64KiB chunks, rotate 1MB x10', () => runWriter(64 * 1024, 1000 * 1000, 10));
await best('writer: 100-byte writes, rotate 50MB', () => runWriter(100, 50 * 1000 * 1000, 10));
await best('channel: file only', () => runChannel(false, 0));
await best('channel: strip_ansi + capture + file', () => runChannel(true, 1024 * 1024));
fs.rmSync(dir, { recursive: true, force: true });
