// Command-line options of `npm run bench`.
import type { ColumnId } from './types.js';

export interface BenchOptions {
  quick: boolean;
  repeat: number;
  scenarios: string[] | null;
  columns: ColumnId[];
  json: string | null;
  inet: boolean;
  pm2Prefix: string | null;
  help: boolean;
}

export const USAGE = `usage: npm run bench -- [options]
  --quick              small sizes (whole run in a few minutes)
  --repeat N           run every scenario N times, columns interleaved; report medians (default 1)
  --scenario a,b       only these scenarios
  --columns a,b        only these columns (supervisor-ts, supervisor, pm2, floor)
  --json FILE          write every raw figure to FILE
  --inet               talk to supervisord over inet_http_server on 127.0.0.1 instead of a unix socket
  --pm2-prefix DIR     reuse (or install into) this npm prefix for PM2 instead of a fresh temp one
  --help               this text`;

const ALL_COLUMNS: ColumnId[] = ['supervisor-ts', 'supervisor', 'pm2', 'floor'];

function list(value: string | undefined, option: string): string[] {
  if (!value || value.startsWith('--')) throw new Error(`${option} needs a value`);
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

export function parseArgs(argv: readonly string[], knownScenarios: readonly string[]): BenchOptions {
  const options: BenchOptions = { quick: false, repeat: 1, scenarios: null, columns: ALL_COLUMNS, json: null, inet: false, pm2Prefix: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case '--quick':
        options.quick = true;
        break;
      case '--inet':
        options.inet = true;
        break;
      case '--help':
      case '-h':
        options.help = true;
        break;
      case '--repeat': {
        const text = value();
        const n = Number(text);
        if (!Number.isInteger(n) || n < 1 || n > 100) throw new Error(`--repeat needs a whole number from 1 to 100, got ${JSON.stringify(text)}`);
        options.repeat = n;
        break;
      }
      case '--scenario':
      case '--scenarios': {
        const names = list(value(), name);
        const unknown = names.filter((n) => !knownScenarios.includes(n));
        if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')} (known: ${knownScenarios.join(', ')})`);
        options.scenarios = names;
        break;
      }
      case '--columns':
      case '--column': {
        const names = list(value(), name);
        const unknown = names.filter((n) => !ALL_COLUMNS.includes(n as ColumnId));
        if (unknown.length > 0) throw new Error(`unknown column ${unknown.join(', ')} (known: ${ALL_COLUMNS.join(', ')})`);
        options.columns = names as ColumnId[];
        break;
      }
      case '--json':
        options.json = list(value(), name).join(',');
        break;
      case '--pm2-prefix':
        options.pm2Prefix = list(value(), name).join(',');
        break;
      default:
        throw new Error(`unknown option ${arg}\n${USAGE}`);
    }
  }
  return options;
}
