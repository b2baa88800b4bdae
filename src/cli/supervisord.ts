// Entry point of supervisord.
import { runSupervisord } from '../daemon/run.js';

const argv0 = process.argv[1] ?? 'supervisord';
runSupervisord(process.argv.slice(2), argv0).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`Error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(2);
  },
);
