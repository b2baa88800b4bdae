#!/usr/bin/env node
// A long-running daemon with a small heap: V8's size-optimised heap settings keep RSS flat as programs
// are added (issue 7: 200 sleeping programs 69 -> 62 MiB, per extra program ~50 -> ~10 KiB). Set here,
// before the daemon's modules load; flags given on the command line still win for the rest.
import { setFlagsFromString } from 'node:v8';
import { entryUrl } from './entry.js';

setFlagsFromString('--optimize-for-size');
setFlagsFromString('--max-semi-space-size=1');
await import(entryUrl('supervisord'));
