#!/usr/bin/env node
import '../dist/cli/supervisorctl.js';
