// Conformance: argument mistakes and unknown names for the commands that change state.
import { readOnlySuite } from './suites.js';

readOnlySuite('argument errors match the real supervisorctl', [
  ['signal'],
  ['signal', 'HUP'],
  ['start'],
  ['stop'],
  ['restart'],
  ['clear'],
  ['add'],
  ['remove'],
  ['add', 'nosuch'],
  ['remove', 'nosuch'],
  ['add', 'sleeper'],
  ['remove', 'sleeper'],
  ['shutdown', 'now'],
  ['reload', 'now'],
  ['open', 'ftp://x'],
]);
