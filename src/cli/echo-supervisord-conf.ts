// echo_supervisord_conf: print a sample configuration to stdout.
import { SAMPLE_CONFIG } from '../config/sample-conf.js';

process.stdout.write(SAMPLE_CONFIG);
