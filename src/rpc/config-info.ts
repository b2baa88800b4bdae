// getAllConfigInfo: one struct per process of the pending config, with Supervisor's key order
// and its stand-ins for values XML-RPC cannot carry ('none' for None, 'auto' for AUTO).
import { AUTO, type LogTarget, type ProcessConfig } from '../config/model.js';
import type { SupervisorFacade } from '../core/facade.js';
import { cappedInt } from './process-info.js';
import type { XmlRpcStruct, XmlRpcValue } from './xmlrpc-values.js';

function orNone(value: string | number | null): XmlRpcValue {
  return value === null ? 'none' : typeof value === 'number' ? cappedInt(value) : value;
}

/**
 * Supervisor resolves AUTO by rewriting the config object when the group is instantiated, so a
 * running group reports its real path until a reread replaces the pending objects ('auto' again).
 */
function logTarget(target: LogTarget, resolved: string | null | undefined): XmlRpcValue {
  if (target === AUTO) return resolved ?? 'auto';
  return target ?? 'none';
}

function configInfo(
  facade: SupervisorFacade,
  groupName: string,
  groupPriority: number,
  p: ProcessConfig,
): XmlRpcStruct {
  const active = facade.getGroup(groupName);
  const candidate = active?.processes.get(p.name);
  const running = candidate && candidate.config === p ? candidate : undefined;
  return {
    autostart: p.autostart,
    directory: orNone(p.directory),
    uid: orNone(p.uid),
    command: p.command,
    exitcodes: p.exitcodes.map(cappedInt),
    group: groupName,
    group_prio: cappedInt(groupPriority),
    inuse: active !== undefined,
    killasgroup: p.killasgroup,
    name: p.name,
    process_prio: cappedInt(p.priority),
    redirect_stderr: p.redirectStderr,
    startretries: cappedInt(p.startretries),
    startsecs: cappedInt(p.startsecs),
    stdout_capture_maxbytes: cappedInt(p.stdout.captureMaxbytes),
    stdout_events_enabled: p.stdout.eventsEnabled,
    stdout_logfile: logTarget(p.stdout.logfile, running?.stdoutLogPath),
    stdout_logfile_backups: cappedInt(p.stdout.logfileBackups),
    stdout_logfile_maxbytes: cappedInt(p.stdout.logfileMaxbytes),
    stdout_syslog: p.stdout.syslog,
    stopsignal: p.stopsignal,
    stopwaitsecs: cappedInt(p.stopwaitsecs),
    stderr_capture_maxbytes: cappedInt(p.stderr.captureMaxbytes),
    stderr_events_enabled: p.stderr.eventsEnabled,
    stderr_logfile: logTarget(p.stderr.logfile, running?.stderrLogPath),
    stderr_logfile_backups: cappedInt(p.stderr.logfileBackups),
    stderr_logfile_maxbytes: cappedInt(p.stderr.logfileMaxbytes),
    stderr_syslog: p.stderr.syslog,
    // serverurl=AUTO (the default) is None in Supervisor, hence 'none'
    serverurl: p.serverurl ?? 'none',
  };
}

export function allConfigInfo(facade: SupervisorFacade): XmlRpcStruct[] {
  const infos: XmlRpcStruct[] = [];
  for (const group of facade.pendingConfig.groups) {
    for (const p of group.processes) infos.push(configInfo(facade, group.name, group.priority, p));
  }
  // Array.prototype.sort is stable, like Python's sort(key=name)
  return infos.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
