// Every scenario, in the order they run.
import { logThroughput } from './log-throughput.js';
import { restartLatency } from './restart-latency.js';
import { spawnScenario } from './spawn.js';
import type { Scenario } from '../lib/types.js';

export const SCENARIOS: Scenario[] = [restartLatency, spawnScenario, logThroughput];
