// Shared shapes of the benchmark harness: what a column is, what a scenario returns.

export type ColumnId = 'supervisor-ts' | 'supervisor' | 'pm2' | 'floor';

/** One supervised program, described once and rendered for every column (INI or PM2 app). */
export interface ProgramSpec {
  name: string;
  /** argv; argv[0] absolute */
  argv: string[];
  autostart: boolean;
  autorestart: boolean;
  startsecs: number;
  /** absolute path of the stdout log; stderr is redirected into it */
  stdoutLogfile: string | null;
  logMaxbytes: number;
  logBackups: number;
  stopwaitsecs: number;
}

/** A process as the daemon reports it, normalised across Supervisor and PM2. */
export interface ProcInfo {
  name: string;
  /** Supervisor state names; PM2's "online" maps to RUNNING, "stopped" to STOPPED, etc. */
  state: string;
  pid: number;
}

/** A running daemon under benchmark, whatever its kind. */
export interface DaemonHandle {
  readonly column: ColumnId;
  /** pid of the daemon (the process whose CPU and memory we measure) */
  readonly pid: number;
  /** performance.now() when spawning was requested (daemon launch, or PM2's start call) */
  readonly launchedAt: number;
  /** a cheap control-plane call; resolves when answered */
  ping(): Promise<void>;
  listAll(): Promise<ProcInfo[]>;
  info(name: string): Promise<ProcInfo>;
  /** start one program that was defined with autostart=false */
  start(name: string): Promise<void>;
  startAll(): Promise<void>;
  stopAll(): Promise<void>;
  /** run the column's command-line "status" once (supervisorctl status / pm2 ls) */
  statusCli(): Promise<void>;
  /** graceful shutdown; resolves when the daemon pid is gone */
  shutdown(timeoutMs: number): Promise<void>;
  /** drop client connections after the daemon was ended some other way (a signal) */
  release(): void;
}

export interface LaunchOptions {
  /** wait until the control plane answers before resolving */
  waitReady: boolean;
  timeoutMs: number;
}

export interface Column {
  readonly id: ColumnId;
  /** the version measured, for the header */
  readonly version: string;
  launch(dir: string, programs: ProgramSpec[], options: LaunchOptions): Promise<DaemonHandle>;
}

/** Result of a column that could not run: shown in the table instead of figures. */
export interface Unavailable {
  id: ColumnId;
  reason: string;
}

export interface MetricDef {
  key: string;
  label: string;
  unit: string;
  better: 'lower' | 'higher';
}

/** Figures of one column in one scenario run, keyed by MetricDef.key. */
export type Figures = Record<string, number>;

export interface ScenarioContext {
  quick: boolean;
  inet: boolean;
  /** fresh temp dir for this column and repeat */
  dir: string;
  /** register pids to be checked for leaks at the end of the run */
  track(pid: number): void;
  /** register a daemon whose descendants are tracked while the run goes on */
  trackTree(pid: number): void;
  /** progress note on stderr */
  log(message: string): void;
  /** notes that end up under the table (once per scenario and column) */
  note(message: string): void;
}

export interface Scenario {
  name: string;
  title: string;
  /** the figures reported, which may depend on --quick (sizes) */
  metrics(quick: boolean): MetricDef[];
  /** columns this scenario measures ('floor' only where one exists) */
  columns: ColumnId[];
  run(column: Column | 'floor', ctx: ScenarioContext): Promise<Figures>;
}
