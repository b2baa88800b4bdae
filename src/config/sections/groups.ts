// Process groups from every program-type section (process_groups_from_parser): [group:x] first, then the
// homogeneous [program:x], [eventlistener:x] and [fcgi-program:x] groups, sorted by (priority, name).
import path from 'node:path';
import type { EventListenerOptions, FcgiSocketOptions, GroupKind, ProcessGroupConfig, SupervisordOptions } from '../model.js';
import type { ConfigReader } from '../reader.js';
import { boolean, integer, listOfStrings, octal, processOrGroupName } from '../datatypes.js';
import { colonSeparatedUserGroup, gidForUid, nameToUid, normalizePath } from '../datatypes-os.js';
import { ValueError } from '../errors.js';
import { pyTupleRepr } from '../../python/repr.js';
import { byPriorityThenName, processesFromSection } from './program.js';

/** Event type names a listener may subscribe to (Supervisor's EventTypes). */
export const KNOWN_EVENT_TYPES: readonly string[] = [
  'EVENT', 'PROCESS_STATE', 'PROCESS_STATE_STOPPED', 'PROCESS_STATE_EXITED', 'PROCESS_STATE_STARTING',
  'PROCESS_STATE_STOPPING', 'PROCESS_STATE_BACKOFF', 'PROCESS_STATE_FATAL', 'PROCESS_STATE_RUNNING',
  'PROCESS_STATE_UNKNOWN', 'PROCESS_COMMUNICATION', 'PROCESS_COMMUNICATION_STDOUT', 'PROCESS_COMMUNICATION_STDERR',
  'PROCESS_LOG', 'PROCESS_LOG_STDOUT', 'PROCESS_LOG_STDERR', 'REMOTE_COMMUNICATION', 'SUPERVISOR_STATE_CHANGE',
  'SUPERVISOR_STATE_CHANGE_RUNNING', 'SUPERVISOR_STATE_CHANGE_STOPPING', 'TICK', 'TICK_5', 'TICK_60', 'TICK_3600',
  'PROCESS_GROUP', 'PROCESS_GROUP_ADDED', 'PROCESS_GROUP_REMOVED',
];

/** The result handlers supervisor-ts implements itself. */
export const BUILTIN_RESULT_HANDLERS: readonly string[] = ['supervisor.dispatchers:default_handler'];

function group(
  reader: ConfigReader,
  section: string,
  name: string,
  kind: GroupKind,
  priority: number,
  processes: ProcessGroupConfig['processes'],
): ProcessGroupConfig {
  const declared = reader.doc.sections.get(section);
  return {
    name,
    kind,
    priority,
    processes,
    source: { section, file: declared?.file ?? reader.mainFile, line: declared?.line ?? 0 },
  };
}

function heterogeneousGroups(reader: ConfigReader, daemon: SupervisordOptions, excluded: Set<string>): ProcessGroupConfig[] {
  const groups: ProcessGroupConfig[] = [];
  const all = reader.doc.sectionNames();
  const here = { here: reader.here };
  for (const groupSection of all.filter((s) => s.startsWith('group:'))) {
    const groupName = reader.at(groupSection, undefined, () => processOrGroupName(groupSection.slice(6)));
    const programs = listOfStrings(reader.get(groupSection, 'programs', null, here));
    const priority = reader.read(groupSection, 'priority', '999', integer, here);
    const processes: ProcessGroupConfig['processes'] = [];
    // Supervisor reuses its loop variable here, so after the first member its messages name that member's section.
    let named = groupSection;
    for (const program of programs) {
      const programSection = `program:${program}`;
      const fcgiSection = `fcgi-program:${program}`;
      const hasProgram = all.includes(programSection);
      const hasFcgi = all.includes(fcgiSection);
      if (!hasProgram && !hasFcgi) {
        reader.fail(`[${named}] names unknown program or fcgi-program ${program}`, groupSection, 'programs');
      }
      if (hasProgram && hasFcgi) {
        reader.fail(`[${named}] name ${program} is ambiguous (exists as program and fcgi-program)`, groupSection, 'programs');
      }
      named = hasProgram ? programSection : fcgiSection;
      excluded.add(named);
      processes.push(...processesFromSection(reader, named, groupName, daemon));
    }
    groups.push(group(reader, groupSection, groupName, 'group', priority, processes));
  }
  return groups;
}

function listenerOptions(reader: ConfigReader, section: string): EventListenerOptions {
  const here = { here: reader.here };
  const bufferSize = reader.read(section, 'buffer_size', '10', integer, here);
  if (bufferSize < 1) reader.fail(`[${section}] section sets invalid buffer_size (${bufferSize})`, section, 'buffer_size');
  const resultHandler = reader.get(section, 'result_handler', 'supervisor.dispatchers:default_handler', here);
  if (!BUILTIN_RESULT_HANDLERS.includes(resultHandler.trim())) {
    reader.messages.warnings.push(
      `[${section}] result_handler ${resultHandler} is a Python callable that supervisor-ts cannot load; ` +
        'the default handler is used instead',
    );
  }
  const events: string[] = [];
  for (const event of listOfStrings(reader.get(section, 'events', '', here)).map((e) => e.toUpperCase())) {
    if (!events.includes(event)) events.push(event);
  }
  if (events.length === 0) reader.fail(`[${section}] section requires an "events" line`, section, 'events');
  for (const event of events) {
    if (!KNOWN_EVENT_TYPES.includes(event)) reader.fail(`Unknown event type ${event} in [${section}] events`, section, 'events');
  }
  if (reader.read(section, 'redirect_stderr', 'false', boolean, here)) {
    reader.fail(
      `[${section}] section sets redirect_stderr=true but this is not allowed because it will interfere ` +
        'with the eventlistener protocol',
      section,
      'redirect_stderr',
    );
  }
  return { events, bufferSize, resultHandler: resultHandler.trim() };
}

/** parse_fcgi_socket(), with its odd tuple-shaped messages for bad unix paths and formats. */
function fcgiSocket(
  socket: string,
  procUid: number | null,
  owner: { uid: number; gid: number } | null,
  mode: number | null,
  backlog: number | null,
): FcgiSocketOptions {
  if (socket.startsWith('unix://')) {
    const socketPath = socket.slice(7);
    if (!path.isAbsolute(socketPath)) {
      throw new ValueError(pyTupleRepr(['Unix socket path %s is not an absolute path', socketPath]));
    }
    const normalized = normalizePath(socketPath);
    let socketOwner = owner;
    if (socketOwner === null && procUid !== null && procUid !== process.getuid?.()) {
      socketOwner = { uid: procUid, gid: gidForUid(procUid) };
    }
    return { socket: `unix://${normalized}`, socketBacklog: backlog, socketOwner, socketMode: mode ?? 0o700 };
  }
  if (owner !== null || mode !== null) {
    throw new ValueError('socket_owner and socket_mode params should only be used with a Unix domain socket');
  }
  const m = /^tcp:\/\/([^\s:]+):(\d+)$/.exec(socket);
  if (m) {
    const port = Number(m[2]);
    if (port < 1) throw new ValueError(`${port} is below lower bound (1)`);
    if (port > 0xffff) throw new ValueError(`${port} is above upper bound (65535)`);
    return { socket: `tcp://${m[1]!.toLowerCase()}:${port}`, socketBacklog: backlog, socketOwner: null, socketMode: 0o700 };
  }
  throw new ValueError(pyTupleRepr(['Bad socket format %s', socket]));
}

function fcgiOptions(reader: ConfigReader, section: string, programName: string): FcgiSocketOptions {
  const here = { here: reader.here };
  const user = reader.get(section, 'user', null, here);
  const procUid = user === null ? null : reader.at(section, 'user', () => nameToUid(user));
  const backlog = reader.readOptional(section, 'socket_backlog', integer, here);
  if (backlog !== null && (backlog < 1 || backlog > 65535)) {
    reader.fail(`Invalid socket_backlog value ${backlog}`, section, 'socket_backlog');
  }
  const ownerText = reader.get(section, 'socket_owner', null, here);
  let owner: { uid: number; gid: number } | null = null;
  if (ownerText !== null) {
    try {
      owner = colonSeparatedUserGroup(ownerText);
    } catch {
      reader.fail(`Invalid socket_owner value ${ownerText}`, section, 'socket_owner');
    }
  }
  const modeText = reader.get(section, 'socket_mode', null, here);
  let mode: number | null = null;
  if (modeText !== null) {
    try {
      mode = octal(modeText);
    } catch {
      reader.fail(`Invalid socket_mode value ${modeText}`, section, 'socket_mode');
    }
  }
  const socket = reader.get(section, 'socket', null, { program_name: programName, here: reader.here });
  if (!socket) reader.fail(`[${section}] section requires a "socket" line`, section, 'socket');
  try {
    return fcgiSocket(socket, procUid, owner, mode, backlog);
  } catch (err) {
    if (err instanceof ValueError) reader.fail(`${err.message} in [${section}] socket`, section, 'socket');
    throw err;
  }
}

/** Every process group of the configuration, sorted like Supervisor's (priority, then name). */
export function readProcessGroups(reader: ConfigReader, daemon: SupervisordOptions): ProcessGroupConfig[] {
  const excluded = new Set<string>();
  const groups = heterogeneousGroups(reader, daemon, excluded);
  const all = reader.doc.sectionNames();
  const here = { here: reader.here };

  for (const section of all.filter((s) => s.startsWith('program:') && !excluded.has(s))) {
    const name = reader.at(section, undefined, () => processOrGroupName(section.slice(8)));
    const priority = reader.read(section, 'priority', '999', integer, here);
    groups.push(group(reader, section, name, 'program', priority, processesFromSection(reader, section, name, daemon)));
  }

  for (const section of all.filter((s) => s.startsWith('eventlistener:'))) {
    const poolName = section.slice(section.indexOf(':') + 1);
    const priority = reader.read(section, 'priority', '-1', integer, here);
    const listener = listenerOptions(reader, section);
    const processes = processesFromSection(reader, section, poolName, daemon);
    groups.push({ ...group(reader, section, poolName, 'eventlistener', priority, processes), listener });
  }

  for (const section of all.filter((s) => s.startsWith('fcgi-program:') && !excluded.has(s))) {
    const name = reader.at(section, undefined, () => processOrGroupName(section.slice(13)));
    const priority = reader.read(section, 'priority', '999', integer, here);
    const fcgi = fcgiOptions(reader, section, name);
    const processes = processesFromSection(reader, section, name, daemon);
    groups.push({ ...group(reader, section, name, 'fcgi-program', priority, processes), fcgi });
  }
  return groups.sort(byPriorityThenName);
}
