// Children must not outlive a SIGKILLed supervisord (issue 5). PR_SET_PDEATHSIG needs a helper exec per
// spawn and misses grandchildren, so instead one tiny shell process watches us: it learns each child's
// process group over a pipe (awk where present), and when the pipe reaches EOF (supervisord died, however) it SIGKILLs the
// groups still listed. Cost: one `sh` for the daemon's lifetime and one short write per spawn and exit.
import { spawn, type ChildProcess } from 'node:child_process';

// `+pgid` adds, `-pgid` removes; EOF kills what is left. It ignores the signals a terminal or
// `kill -TERM <group>` could send it, so only the end of supervisord ends it. awk keeps the groups in a
// hash, so a thousand programs cost nothing; the plain-shell fallback (no awk) is quadratic in their number.
const AWK_GUARD = `/^[+]/ { live[substr($0, 2)] = 1; next }
/^-/ { delete live[substr($0, 2)]; next }
END {
  n = 0; ids = ""
  for (id in live) {
    ids = ids " -" id
    if (++n == 100) { system("kill -9" ids " 2>/dev/null"); n = 0; ids = "" }
  }
  if (n > 0) system("kill -9" ids " 2>/dev/null")
}`;

export const GUARD_SCRIPT = `trap '' INT TERM HUP QUIT USR1 USR2 PIPE
if command -v awk >/dev/null 2>&1; then exec awk '${AWK_GUARD}'; fi
pgs=' '
while IFS= read -r line; do
  id=\${line#?}
  case $line in
    +*) pgs="$pgs$id " ;;
    -*) case $pgs in *" $id "*) pgs="\${pgs%% $id *} \${pgs#* $id }" ;; esac ;;
  esac
done
for id in $pgs; do kill -9 "-$id" 2>/dev/null; done
`;

export interface OrphanGuard {
  /** a child started as the leader of process group `pgid` */
  track(pgid: number): void;
  /** that child was reaped: its group number may be reused, so forget it */
  untrack(pgid: number): void;
  /** the guard's own pid, so the reaper and tests can recognise it */
  readonly pid: number;
}

/** Starts the guard, or returns null when it cannot run (no /bin/sh): supervision goes on without it. */
export function startOrphanGuard(): OrphanGuard | null {
  let guard: ChildProcess;
  try {
    // detached: its own session, so a Ctrl-C to supervisord's terminal group does not reach it
    guard = spawn('/bin/sh', ['-c', GUARD_SCRIPT], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch {
    return null;
  }
  const input = guard.stdin;
  if (!guard.pid || !input) return null;
  let alive = true;
  guard.on('error', () => { alive = false; });
  guard.on('exit', () => { alive = false; });
  input.on('error', () => { alive = false; });
  // neither may keep the daemon's event loop alive
  guard.unref();
  (input as unknown as { unref?: () => void }).unref?.();
  // Exits come in bursts (stopping everything): their lines go out in one write per loop turn. A new
  // group goes out at once, after any pending exits, so a reused group number is never dropped.
  let exited = '';
  let flushQueued = false;
  const flushExited = () => {
    flushQueued = false;
    if (alive && exited) input.write(exited);
    exited = '';
  };
  // and what is still pending when the daemon exits (a pipe write is attempted at once, even then)
  process.once('exit', flushExited);
  return {
    pid: guard.pid,
    track: (pgid) => {
      flushExited();
      if (alive) input.write(`+${pgid}\n`);
    },
    untrack: (pgid) => {
      exited += `-${pgid}\n`;
      if (!flushQueued) {
        flushQueued = true;
        setImmediate(flushExited);
      }
    },
  };
}
