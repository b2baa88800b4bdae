// Shared bits of the config unit tests.
export { removeTree, tempTree } from '../../fixtures/config/tree.js';

export const HEAD = '[supervisord]\nlogfile=%(here)s/sd.log\npidfile=%(here)s/sd.pid\n';
