// Remembers every pid a scenario started (and every descendant of its daemons) so leaks can be counted and ended.
import { descendantsOf, isRunning, startTime } from './procfs.js';
import { sleep } from './poll.js';

const SAMPLE_INTERVAL_MS = 200;

export class PidTracker {
  /** pid → start time, so a reused pid is never mistaken for ours */
  private readonly pids_ = new Map<number, number>();
  private readonly roots = new Set<number>();
  private readonly sampler: NodeJS.Timeout;

  constructor() {
    this.sampler = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
    this.sampler.unref();
  }

  track(pid: number): void {
    if (pid <= 0 || this.pids_.has(pid)) return;
    const started = startTime(pid);
    if (started !== null) this.pids_.set(pid, started);
  }

  trackTree(pid: number): void {
    if (pid <= 0) return;
    this.track(pid);
    this.roots.add(pid);
    this.sample();
  }

  /** Records the current descendants of every root still running. */
  sample(): void {
    for (const root of this.roots) {
      if (!isRunning(root)) continue;
      for (const child of descendantsOf(root)) this.track(child);
    }
  }

  /** Stops sampling and returns the tracked pids still running after a short grace period. */
  async leaks(graceMs = 1000): Promise<number[]> {
    this.sample();
    clearInterval(this.sampler);
    const deadline = performance.now() + graceMs;
    const stillOurs = (pid: number): boolean => isRunning(pid) && startTime(pid) === this.pids_.get(pid);
    let alive = this.pids();
    while (alive.length > 0 && performance.now() < deadline) {
      await sleep(50);
      alive = alive.filter(stillOurs);
    }
    return alive;
  }

  /** Every tracked pid that is still the process we saw. */
  pids(): number[] {
    return [...this.pids_.keys()].filter((pid) => isRunning(pid) && startTime(pid) === this.pids_.get(pid));
  }

  /** SIGKILL each of `pids` (leaks are ended by pid, never by name). */
  static kill(pids: readonly number[]): void {
    for (const pid of pids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}
