// Conformance: signal, clear, and the `all` forms of stop/start (compared as sets: results come in
// the order processes finished).
import { mutatingSuite } from './suites.js';

mutatingSuite('signal, clear and all match the real supervisorctl', [
  { args: ['signal', 'CONT', 'sleeper'] },
  { args: ['signal', 'CONT', 'grp:*'] },
  { args: ['signal', 'CONT', 'manual'] },
  { args: ['signal', 'BOGUS', 'sleeper'] },
  { args: ['signal', 'CONT', 'nosuch:'] },
  { args: ['signal', 'CONT', 'nosuch'] },
  { args: ['clear', 'talker'] },
  { args: ['clear', 'nosuch'] },
  { args: ['clear', 'grp:'] },
  { args: ['clear', 'all'], unordered: true },
  { args: ['stop', 'all'], reset: [['start', 'sleeper', 'grp:*', 'talker']], unordered: true },
  { args: ['start', 'all'], reset: [['stop', 'manual']], unordered: true },
]);
