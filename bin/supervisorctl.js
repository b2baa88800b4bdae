#!/usr/bin/env node
import { entryUrl } from './entry.js';

await import(entryUrl('supervisorctl'));
