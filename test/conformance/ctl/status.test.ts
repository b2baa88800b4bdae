// Conformance: status and pid, real supervisorctl vs ours against a real supervisord.
import { readOnlySuite } from './suites.js';

readOnlySuite('status and pid match the real supervisorctl', [
  ['status'],
  ['status', 'all'],
  ['status', 'sleeper'],
  ['status', 'grp:*'],
  ['status', 'grp:'],
  ['status', 'grp:grp_1'],
  ['status', 'nosuch'],
  ['status', 'nosuch:'],
  ['status', 'nosuch:x'],
  ['status', 'grp:nosuch'],
  ['status', 'nosuch', 'sleeper'],
  ['status', 'nosuch', 'manual'],
  ['status', 'manual'],
  ['status', 'failer'],
  ['status', 'sleeper', 'grp:*'],
  ['pid'],
  ['pid', 'all'],
  ['pid', 'sleeper'],
  ['pid', 'manual'],
  ['pid', 'nosuch'],
  ['pid', 'manual', 'nosuch'],
  ['pid', 'nosuch', 'manual'],
  ['pid', 'grp:'],
]);
