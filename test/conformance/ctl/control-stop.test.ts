// Conformance: stop, with the daemon's state put back after each client (see control.test.ts).
import { mutatingSuite } from './suites.js';

mutatingSuite('stop matches the real supervisorctl', [
  { args: ['stop', 'sleeper'], reset: [['start', 'sleeper']] },
  { args: ['stop', 'manual'] },
  { args: ['stop', 'nosuch'] },
  { args: ['stop', 'nosuch:'] },
  { args: ['stop', 'grp:*'], reset: [['start', 'grp:*']], unordered: true },
  { args: ['stop', 'grp:grp_0', 'sleeper'], reset: [['start', 'grp:grp_0', 'sleeper']] },
  { args: ['start', 'manual'], reset: [['stop', 'manual']] },
  { args: ['start', 'nosuch:*', 'manual'], reset: [['stop', 'manual']] },
  { args: ['restart', 'manual'], reset: [['stop', 'manual']] },
]);
