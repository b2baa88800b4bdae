// Conformance: tail, maintail and fg (their read-only and error forms).
import { readOnlySuite } from './suites.js';

readOnlySuite('log commands match the real supervisorctl', [
  ['tail', 'talker'],
  ['tail', 'talker', 'stderr'],
  ['tail', '-5', 'talker'],
  ['tail', '-0', 'talker'],
  ['tail', '-4', 'talker', 'STDERR'],
  ['tail', 'talker', 'bogus'],
  ['tail', '-x', 'talker'],
  ['tail', '-f'],
  ['tail'],
  ['tail', 'a', 'b', 'c', 'd'],
  ['tail', 'nosuch'],
  ['tail', 'grp:'],
  ['maintail', 'x'],
  ['maintail', '-x'],
  ['maintail', 'a', 'b'],
  ['fg'],
  ['fg', 'a', 'b'],
  ['fg', 'nosuch'],
  ['fg', 'manual'],
]);
