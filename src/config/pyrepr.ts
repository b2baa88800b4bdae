// Kept only as a forwarding path: src/daemon and src/ctl still import repr from here.
// TODO: once those import src/python/repr.js directly, delete this file.
export { pyRepr, pyTupleRepr } from '../python/repr.js';
