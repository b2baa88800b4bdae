#!/bin/sh
//bin/true; exec "${SUPERVISOR_TS_NODE:-node}" --max-semi-space-size=1 --interrupt-budget=1000000 "$0" "$@"
// Run as a command, the line above (a comment to JavaScript) starts Node with two heap flags that only
// work on its command line, before V8 sets up its heap: a 1 MiB young generation, and a tiering budget
// seven times V8's default, so code that only runs at start-up (config parsing, spawning 200 programs) is
// never handed to the optimizing compiler, whose code pages would stay resident (issue 7: 200 sleeping
// programs 62 -> 56 MiB). `node bin/supervisord.js` skips that line and runs the same daemon without them.
// --optimize-for-size still works once V8 runs, so it is set here for both ways of starting.
import { setFlagsFromString } from 'node:v8';
import { entryUrl } from './entry.js';

setFlagsFromString('--optimize-for-size');
await import(entryUrl('supervisord'));
