// Kept only as a forwarding path: src/core and src/cli still import the signal table from here.
// TODO: once those import src/python/signals.js directly, delete this file.
export { knownSignals, signalNumber, signame } from '../python/signals.js';
