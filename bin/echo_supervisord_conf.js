#!/usr/bin/env node
import '../dist/cli/echo-supervisord-conf.js';
