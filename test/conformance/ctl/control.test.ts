// Conformance: stop / start / restart. The real supervisorctl runs first, the daemon's state is put
// back with the real one, then ours runs (and the state is put back again).
import { mutatingSuite } from './suites.js';

mutatingSuite('stop, start and restart match the real supervisorctl', [
  { args: ['stop', 'sleeper'], reset: [['start', 'sleeper']] },
  { args: ['stop', 'manual'] },
  { args: ['stop', 'nosuch'] },
  { args: ['stop', 'nosuch:'] },
  { args: ['stop', 'grp:*'], reset: [['start', 'grp:*']], unordered: true },
  { args: ['stop', 'grp:grp_0', 'sleeper'], reset: [['start', 'grp:grp_0', 'sleeper']] },
  { args: ['start', 'manual'], reset: [['stop', 'manual']] },
  { args: ['start', 'sleeper'] },
  { args: ['start', 'nosuch'] },
  { args: ['start', 'nosuch:'] },
  { args: ['start', 'nosuch:*', 'manual'], reset: [['stop', 'manual']] },
  { args: ['start', 'grp:*'] },
  { args: ['start', 'failer'] },
  { args: ['restart', 'sleeper'] },
  { args: ['restart', 'nosuch'] },
  { args: ['restart', 'manual'], reset: [['stop', 'manual']] },
]);
