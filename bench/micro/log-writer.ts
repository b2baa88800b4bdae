// Micro-benchmark: RotatingFile throughput vs `cat file > out` for the same amount of data.
// Usage: node --import tsx bench/micro/log-writer.ts [MiB=200]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { RotatingFile } from '../../src/logging/rotating-file.js';
import { createOutputChannel } from '../../src/logging/output-channel.js';
import { createMainLogger } from '../../src/logging/main-log.js';

const MiB = 1024 * 1024;
const total = Number(process.argv[2] ?? 200) * MiB;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-log-'));

function mbps(bytes: number, ms: number): string {
  return `${((bytes / MiB) / (ms / 1000)).toFixed(0)} MiB/s`;
}

/** With few backups older data is deleted by design: check the kept amount is what rotation allows. */
function describeKept(onDisk: number, written: number, maxbytes: number, backups: number): string {
  if (onDisk === written) return 'all bytes on disk';
  const keepable = maxbytes * (backups + 1);
  return onDisk <= keepable + 64 * 1024 * (backups + 1) ? `newest ${(onDisk / MiB).toFixed(1)} MiB kept` : `MISMATCH ${onDisk}`;
}

/** Write `total` bytes in chunks of `chunkSize`, honouring backpressure like the core would. */
async function runWriter(name: string, chunkSize: number, maxbytes: number, backups: number): Promise<void> {
  const file = path.join(dir, `${name}.log`);
  const chunk = Buffer.alloc(chunkSize, 0x61);
  for (let i = 79; i < chunkSize; i += 80) chunk[i] = 0x0a;
  const w = new RotatingFile({ path: file, maxbytes, backups });
  const start = performance.now();
  let written = 0;
  while (written < total) {
    // producers hand over fresh buffers (like pipe reads)
    const ok = w.write(chunkSize >= 16 * 1024 ? Buffer.from(chunk) : chunk);
    written += chunkSize;
    if (!ok) await new Promise<void>((resolve) => { const off = w.onDrain(() => { off(); resolve(); }); });
  }
  await w.close();
  const ms = performance.now() - start;
  let onDisk = 0;
  for (const n of fs.readdirSync(dir)) if (n.startsWith(`${name}.log`)) onDisk += fs.statSync(path.join(dir, n)).size;
  console.log(`${name.padEnd(34)} ${mbps(written, ms).padStart(12)}  (${(ms / 1000).toFixed(2)} s, ${describeKept(onDisk, written, maxbytes, backups)})`);
  for (const n of fs.readdirSync(dir)) if (n.startsWith(`${name}.log`)) fs.unlinkSync(path.join(dir, n));
}

function runCat(): void {
  const src = path.join(dir, 'source');
  const out = path.join(dir, 'cat-out');
  const block = Buffer.alloc(MiB, 0x61);
  const fd = fs.openSync(src, 'w');
  for (let i = 0; i < total / MiB; i++) fs.writeSync(fd, block);
  fs.closeSync(fd);
  spawnSync('cat', [src], { stdio: ['ignore', fs.openSync('/dev/null', 'w'), 'inherit'] }); // warm the cache
  const start = performance.now();
  const r = spawnSync('sh', ['-c', `cat "${src}" > "${out}"`], { stdio: 'inherit' });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error('cat failed');
  console.log(`${'cat file > out'.padEnd(34)} ${mbps(total, ms).padStart(12)}  (${(ms / 1000).toFixed(2)} s)`);
  fs.unlinkSync(src);
  fs.unlinkSync(out);
}

/** The whole channel path (capture scan + strip_ansi + file) as the core drives it. */
async function runChannel(name: string, stripAnsi: boolean, captureMaxbytes: number): Promise<void> {
  const mainLog = createMainLogger();
  mainLog.configure({ logfile: null, maxbytes: 0, backups: 0, level: 'info', echo: false });
  const file = path.join(dir, `${name}.log`);
  const ch = createOutputChannel({
    processName: 'bench', groupName: 'bench', channel: 'stdout', logfile: file,
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
    if (ok === false) await new Promise<void>((resolve) => ch.onDrain(resolve));
  }
  await ch.close();
  const ms = performance.now() - start;
  console.log(`${name.padEnd(34)} ${mbps(written, ms).padStart(12)}  (${(ms / 1000).toFixed(2)} s)`);
  for (const n of fs.readdirSync(dir)) if (n.startsWith(`${name}.log`)) fs.unlinkSync(path.join(dir, n));
}

console.log(`writing ${total / MiB} MiB into ${dir}`);
runCat();
await runWriter('64KiB chunks, no rotation', 64 * 1024, 0, 0);
await runWriter('64KiB chunks, rotate 50MB x10', 64 * 1024, 50 * 1000 * 1000, 10);
await runWriter('64KiB chunks, rotate 1MB x10', 64 * 1024, 1000 * 1000, 10);
await runWriter('64KiB chunks, rotate 1MB x300', 64 * 1024, 1000 * 1000, 300);
await runWriter('100-byte writes, rotate 50MB x10', 100, 50 * 1000 * 1000, 10);
await runChannel('channel: file only', false, 0);
await runChannel('channel: strip_ansi + capture + file', true, 1024 * 1024);
fs.rmSync(dir, { recursive: true, force: true });
