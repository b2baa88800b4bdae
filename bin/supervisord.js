#!/usr/bin/env node
import '../dist/cli/supervisord.js';
