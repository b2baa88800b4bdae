// Conformance: avail, version, reread, update, help, unknown commands, quit/exit/EOF.
import { readOnlySuite } from './suites.js';

readOnlySuite('read-only commands match the real supervisorctl', [
  ['avail'],
  ['avail', 'x'],
  ['version'],
  ['version', 'x'],
  ['reread'],
  ['reread', 'x'],
  ['update'],
  ['help', 'help'],
  ['help', 'tail'],
  ['help', 'EOF'],
  ['help', 'nosuch'],
  ['nosuchcommand'],
  ['nosuchcommand', 'with', 'args'],
  ['  status  '],
  ['?', 'nosuch'],
  ['!ls'],
  [''],
  ['EOF'],
  ['quit'],
  ['exit'],
]);
