// Conformance: start and restart. The real supervisorctl runs first, the daemon's state is put back
// with the real one, then ours runs (and the state is put back again).
import { mutatingSuite } from './suites.js';

mutatingSuite('start and restart match the real supervisorctl', [
  { args: ['start', 'sleeper'] },
  { args: ['start', 'nosuch'] },
  { args: ['start', 'nosuch:'] },
  { args: ['start', 'grp:*'] },
  { args: ['start', 'failer'] },
  { args: ['restart', 'sleeper'] },
  { args: ['restart', 'nosuch'] },
]);
