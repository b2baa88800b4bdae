// Entry point of supervisord (skeleton: the daemon lands with issue 2).
import { SUPERVISOR_VERSION } from '../version.js';

const args = process.argv.slice(2);
if (args.includes('-v') || args.includes('--version')) {
  process.stdout.write(`${SUPERVISOR_VERSION}\n`);
  process.exit(0);
}
process.stderr.write('supervisord: not implemented yet\n');
process.exit(2);
