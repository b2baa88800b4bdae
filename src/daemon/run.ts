// supervisord from command line to exit: Supervisor's startup sequence (§2.5), the signal-driven
// lifecycle, and SIGHUP reloads in the same process.
import { chdir } from 'node:process';
import { ConfigError, loadConfig, diffGroups } from '../config/index.js';
import type { LoadedConfig } from '../config/model.js';
import { DaemonEvents } from '../events/daemon-events.js';
import { createMainLogger, type MainLog } from '../logging/main-log.js';
import { cleanupAutoLogs } from '../logging/auto-log.js';
import { flushAllLogsSync } from '../logging/exit-flush.js';
import { SUPERVISOR_VERSION } from '../version.js';
import { Supervisor, type RunOutcome } from '../core/supervisor.js';
import { buildProcessEnvironment } from './process-environment.js';
import { HELP_TEXT, parseCommandLine, UsageError } from './cli-options.js';
import { openControlServers, type ControlServers } from './control-servers.js';
import { isDaemonChild, reportToParent, spawnDaemonChild } from './daemonize.js';
import { removePidfile, writePidfile } from './pidfile.js';
import { dropDaemonPrivileges, ROOT_WARNING } from './privileges.js';
import { installSignalHandlers, type DaemonSignal } from './signals.js';
import { startOrphanReaping, type OrphanReaping } from './orphans.js';
import { attachEventPools } from './event-pools.js';
import { applyMinimumLimits, RlimitError } from '../os/rlimits.js';
import { FcgiSocketRegistry } from '../process/fcgi-socket.js';

/** how long a second SIGTERM waits for SIGKILLed children before exiting anyway */
const FORCED_EXIT_GRACE_MS = 2000;

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
}

const realIo: Io = {
  stdout: (t) => { process.stdout.write(t); },
  stderr: (t) => { process.stderr.write(t); },
};

class FatalStartupError extends Error {}

export async function runSupervisord(argv: string[], argv0: string, io: Io = realIo): Promise<number> {
  const usage = (msg: string): number => {
    const text = `Error: ${msg}\nFor help, use ${argv0} -h\n`;
    if (isDaemonChild()) reportToParent({ ok: false, message: text });
    io.stderr(text);
    return 2;
  };
  let command;
  try {
    command = parseCommandLine(argv);
  } catch (err) {
    if (err instanceof UsageError) return usage(err.message);
    throw err;
  }
  if (command.kind === 'help') {
    io.stdout(HELP_TEXT.replaceAll('%s', argv0) + '\n');
    return 0;
  }
  if (command.kind === 'version') {
    io.stdout(`${SUPERVISOR_VERSION}\n`);
    return 0;
  }
  // reloads read the file found the first time, by absolute path: a daemon that changed directory
  // still finds it (Supervisor's issue #602)
  let resolvedFile: string | undefined;
  const load = (): LoadedConfig => {
    const loaded = loadConfig({ configFile: resolvedFile ?? command.configFile ?? undefined, cliOverrides: command.overrides, argv0 });
    resolvedFile = loaded.configFile;
    return loaded;
  };
  let config: LoadedConfig;
  try {
    config = load();
  } catch (err) {
    if (err instanceof ConfigError || err instanceof Error) return usage(err.message);
    throw err;
  }
  if (command.validateOnly) {
    io.stdout('OK\n');
    return 0;
  }
  // daemon mode: the foreground process only waits for the detached daemon's verdict
  if (!config.supervisord.nodaemon && !isDaemonChild()) {
    const verdict = await spawnDaemonChild(argv);
    if (verdict.ok) return 0;
    io.stderr(verdict.message.endsWith('\n') ? verdict.message : `${verdict.message}\n`);
    return 2;
  }
  const daemon = new Daemon(config, load);
  try {
    return await daemon.run();
  } catch (err) {
    if (err instanceof FatalStartupError) return usage(err.message);
    throw err;
  }
}

/** One supervisord process across reloads. */
class Daemon {
  private readonly logger: MainLog = createMainLogger();
  private supervisor: Supervisor | null = null;
  private servers: ControlServers | null = null;
  private reaping: OrphanReaping | null = null;
  private firstStart = true;
  private forcedExit: NodeJS.Timeout | null = null;
  private shutdownRequested = false;
  /** the event bus, ticks and pools; one per daemon so event serials survive reloads */
  private readonly events = new DaemonEvents(this.logger);
  /** fcgi-program sockets live as long as the daemon (kept across reloads) */
  private readonly fcgi = new FcgiSocketRegistry();

  constructor(private config: LoadedConfig, private readonly load: () => LoadedConfig) {}

  async run(): Promise<number> {
    const signals = installSignalHandlers((sig) => this.onSignal(sig));
    // a bug in one callback must not take supervisord (and the supervision of every child) down
    const onUncaught = (err: unknown): void => {
      this.logger.critical(`uncaptured exception: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    };
    process.on('uncaughtException', onUncaught);
    try {
      for (;;) {
        const outcome = await this.runOnce();
        if (outcome.reason === 'shutdown') return outcome.exitCode;
        try {
          this.config = this.load();
        } catch (err) {
          // Supervisor exits through usage() here too; the log says why for daemons without a terminal
          this.logger.critical(`could not reload the configuration: ${(err as Error).message}`);
          throw new FatalStartupError((err as Error).message);
        }
      }
    } finally {
      process.off('uncaughtException', onUncaught);
      signals.uninstall();
      this.reaping?.stop();
      this.fcgi.closeAll();
      await this.logger.close();
    }
  }

  /** One pass of Supervisor's main(): set up, run until shutdown or restart, tear down. */
  private async runOnce(): Promise<RunOutcome> {
    const sd = this.config.supervisord;
    if (this.firstStart) this.firstStartSetup();
    this.configureLogger();
    if (!sd.nocleanup) {
      for (const w of cleanupAutoLogs(sd.childlogdir, sd.identifier).warnings) this.logger.warn(w);
    }
    try {
      for (const g of this.config.groups) await this.fcgi.addGroup(g);
    } catch (err) {
      throw new FatalStartupError((err as Error).message);
    }
    const supervisor = new Supervisor({
      config: this.config,
      env: buildProcessEnvironment(this.config, this.logger, this.fcgi),
      events: this.events.bus,
      loadConfig: this.load,
      diffGroups: (active, pending) => {
        const d = diffGroups(active, pending);
        return { added: d.added.map((g) => g.name), changed: d.changed.map((g) => g.name), removed: d.removed.map((g) => g.name) };
      },
      mainLogPath: this.mainLogPath(),
      attachGroup: (group) => {
        const closePool = attachEventPools(this.events, sd.identifier)(group);
        const gconfig = group.config;
        if (gconfig.kind === 'fcgi-program') void this.fcgi.addGroup(gconfig).catch((err: Error) => this.logger.error(err.message));
        return () => {
          closePool?.();
          // a removed group's socket goes; groups kept across a reload keep theirs
          if (gconfig.kind === 'fcgi-program' && this.supervisor && !this.supervisor.isStopping) this.fcgi.removeGroup(gconfig.name);
        };
      },
    });
    this.supervisor = supervisor;
    try {
      this.servers = await openControlServers(this.config.servers, supervisor, this.logger);
    } catch (err) {
      await supervisor.close();
      throw new FatalStartupError((err as Error).message);
    }
    if (this.firstStart) {
      this.firstStart = false;
      if (isDaemonChild()) this.enterDaemonDirectory();
    }
    writePidfile(sd.pidfile, process.pid, this.logger);
    reportToParent({ ok: true });
    this.events.start();
    const running = supervisor.start();
    if (this.shutdownRequested) supervisor.shutdown();
    const outcome = await running;
    this.events.stop();
    await this.teardown(supervisor);
    return outcome;
  }

  private firstStartSetup(): void {
    const sd = this.config.supervisord;
    if (sd.uid !== null) {
      const err = dropDaemonPrivileges(sd.uid);
      if (err) throw new FatalStartupError(err);
    } else if ((process.getuid?.() ?? -1) === 0) {
      this.logger.critical(ROOT_WARNING);
    }
    try {
      for (const info of applyMinimumLimits({ minfds: sd.minfds, minprocs: sd.minprocs })) this.logger.info(info);
    } catch (err) {
      if (err instanceof RlimitError) throw new FatalStartupError(err.message);
      this.logger.warn(`could not check resource limits: ${(err as Error).message}`);
    }
    // also loads the native helpers now rather than during the first spawn (~100 ms)
    this.reaping = startOrphanReaping(this.logger);
  }

  private configureLogger(): void {
    const sd = this.config.supervisord;
    try {
      this.logger.configure({
        logfile: sd.logfile,
        maxbytes: sd.logfileMaxbytes,
        backups: sd.logfileBackups,
        level: sd.loglevel,
        echo: sd.nodaemon && !sd.silent && !isDaemonChild(),
        consoleFormat: sd.consoleFormat,
      });
    } catch (err) {
      throw new FatalStartupError((err as Error).message);
    }
    for (const w of this.config.warnings) this.logger.warn(w);
    for (const i of this.config.infos) this.logger.info(i);
  }

  private enterDaemonDirectory(): void {
    const sd = this.config.supervisord;
    if (sd.directory) {
      try { chdir(sd.directory); } catch (err) { throw new FatalStartupError(`can't chdir to ${sd.directory}: ${(err as Error).message}`); }
    }
    process.umask(sd.umask);
  }

  private mainLogPath(): string | null {
    const file = this.config.supervisord.logfile;
    return file === null || file === 'syslog' ? null : file;
  }

  private async teardown(supervisor: Supervisor): Promise<void> {
    if (this.forcedExit) clearTimeout(this.forcedExit);
    this.forcedExit = null;
    await this.servers?.close();
    this.servers = null;
    await supervisor.close();
    removePidfile(this.config.supervisord.pidfile);
    this.supervisor = null;
  }

  private onSignal(sig: DaemonSignal): void {
    const sup = this.supervisor;
    const log = this.logger;
    switch (sig) {
      case 'SIGTERM': case 'SIGINT': case 'SIGQUIT':
        if (sup?.stopping === 'shutdown') {
          // extension: a second stop request does not wait for stopwaitsecs
          log.warn(`received ${sig} during shutdown: killing all remaining processes`);
          sup.killAll();
          this.forcedExit ??= setTimeout(() => {
            removePidfile(this.config.supervisord.pidfile);
            flushAllLogsSync();
            process.exit(sup.exitCode);
          }, FORCED_EXIT_GRACE_MS);
          return;
        }
        log.warn(`received ${sig} indicating exit request`);
        if (sup) sup.shutdown();
        else this.shutdownRequested = true; // between runs: honoured as soon as the next run starts
        return;
      case 'SIGHUP':
        if (sup?.isStopping) {
          log.warn(`received ${sig} indicating restart request (shutdown in progress)`);
          return;
        }
        log.warn(`received ${sig} indicating restart request`);
        sup?.restart();
        return;
      case 'SIGUSR2':
        log.info(`received ${sig} indicating log reopen request`);
        log.info('supervisord logreopen');
        sup?.reopenLogs();
        return;
      default:
        // SIGUSR1: Node would start its inspector; we ignore it on purpose
        log.info(`received ${sig} indicating nothing`);
    }
  }
}
