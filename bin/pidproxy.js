#!/usr/bin/env node
import '../dist/cli/pidproxy.js';
