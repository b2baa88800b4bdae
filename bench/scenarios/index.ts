// Every scenario, in the order they run.
import { idleScenario } from './idle.js';
import { logThroughput } from './log-throughput.js';
import { memoryScenario } from './memory.js';
import { restartLatency } from './restart-latency.js';
import { spawnScenario } from './spawn.js';
import { stopScenario } from './stop.js';
import { xmlrpcScenario } from './xmlrpc.js';
import type { Scenario } from '../lib/types.js';

export const SCENARIOS: Scenario[] = [restartLatency, spawnScenario, logThroughput, xmlrpcScenario, stopScenario, idleScenario, memoryScenario];
