"""Load a config with the real Supervisor 4.2.5 (ServerOptions.realize) and print what it parsed as JSON.

Used by the config conformance tests to compare Supervisor's reading of a file with ours. Run with /usr/bin/python3.
Each result is {"error": "<message>"} when Supervisor rejects the file.
"""
import io
import json
import sys

from supervisor import datatypes
from supervisor.options import ServerOptions, ClientOptions


def logfile(value):
    if value is datatypes.Automatic:
        return 'AUTO'
    return value


def autorestart(value):
    if value is datatypes.RestartUnconditionally:
        return 'true'
    if value is datatypes.RestartWhenExitUnexpected:
        return 'unexpected'
    return 'false'


def channel(pconfig, stream):
    return {
        'logfile': logfile(getattr(pconfig, stream + '_logfile')),
        'logfileMaxbytes': getattr(pconfig, stream + '_logfile_maxbytes'),
        'logfileBackups': getattr(pconfig, stream + '_logfile_backups'),
        'captureMaxbytes': getattr(pconfig, stream + '_capture_maxbytes'),
        'eventsEnabled': getattr(pconfig, stream + '_events_enabled'),
        'syslog': getattr(pconfig, stream + '_syslog'),
    }


def process(pconfig):
    return {
        'name': pconfig.name,
        'command': pconfig.command,
        'directory': pconfig.directory,
        'umask': pconfig.umask,
        'priority': pconfig.priority,
        'autostart': pconfig.autostart,
        'autorestart': autorestart(pconfig.autorestart),
        'startsecs': pconfig.startsecs,
        'startretries': pconfig.startretries,
        'uid': pconfig.uid,
        'stdout': channel(pconfig, 'stdout'),
        'stderr': channel(pconfig, 'stderr'),
        'stopsignal': pconfig.stopsignal,
        'stopwaitsecs': pconfig.stopwaitsecs,
        'stopasgroup': pconfig.stopasgroup,
        'killasgroup': pconfig.killasgroup,
        'exitcodes': pconfig.exitcodes,
        'redirectStderr': pconfig.redirect_stderr,
        'environment': pconfig.environment,
        'serverurl': pconfig.serverurl or None,
    }


def group(gconfig):
    result = {
        'name': gconfig.name,
        'priority': gconfig.priority,
        'processes': [process(p) for p in gconfig.process_configs],
    }
    if hasattr(gconfig, 'pool_events'):
        from supervisor.events import EventTypes
        names = {getattr(EventTypes, n): n for n in dir(EventTypes) if not n.startswith('_')}
        result['events'] = sorted(names[e] for e in gconfig.pool_events)
        result['bufferSize'] = gconfig.buffer_size
    if hasattr(gconfig, 'socket_config'):
        result['socket'] = gconfig.socket_config.url
    return result


def server(config):
    if config['section'].startswith('inet'):
        return {'kind': 'inet', 'section': config['section'], 'host': config['host'], 'port': config['port'],
                'username': config['username'], 'password': config['password']}
    chown = config['chown']
    return {'kind': 'unix', 'section': config['section'], 'file': config['file'], 'chmod': config['chmod'],
            'chown': None if chown == (-1, -1) else {'uid': chown[0], 'gid': chown[1]},
            'username': config['username'], 'password': config['password']}


def dump_server(path):
    options = ServerOptions()
    options.stderr = io.StringIO()
    options.exit = lambda code: (_ for _ in ()).throw(SystemExit(code))
    try:
        options.realize(args=['-c', path])
    except SystemExit:
        text = options.stderr.getvalue()
        return {'error': text.split('\nFor help, use')[0][len('Error: '):]}
    s = options
    return {
        'supervisord': {
            'logfile': s.logfile, 'logfileMaxbytes': s.logfile_maxbytes, 'logfileBackups': s.logfile_backups,
            'pidfile': s.pidfile, 'umask': s.umask, 'nodaemon': bool(s.nodaemon), 'silent': bool(s.silent),
            'minfds': s.minfds, 'minprocs': s.minprocs, 'nocleanup': bool(s.nocleanup),
            'childlogdir': s.childlogdir, 'user': s.user, 'uid': s.uid, 'directory': s.directory,
            'stripAnsi': bool(s.strip_ansi), 'identifier': s.identifier,
            'environment': s.configroot.supervisord.environment,
        },
        'groups': [group(g) for g in s.process_group_configs],
        'servers': [server(c) for c in s.server_configs],
        'rpcinterfaces': sorted(name for name, _, _ in s.rpcinterface_factories),
        'warnings': s.parse_warnings,
        'infos': s.parse_infos,
    }


def dump_ctl(path):
    options = ClientOptions()
    options.stderr = io.StringIO()
    options.exit = lambda code: (_ for _ in ()).throw(SystemExit(code))
    try:
        options.realize(args=['-c', path, 'status'])
    except SystemExit:
        text = options.stderr.getvalue()
        return {'error': text.split('\nFor help, use')[0][len('Error: '):]}
    return {'serverurl': options.serverurl, 'username': options.username, 'password': options.password,
            'prompt': options.prompt, 'historyFile': options.history_file}


def diff(old_path, new_path):
    """Supervisor's diff_to_active() between two files, by group name."""
    configs = []
    for path in (old_path, new_path):
        options = ServerOptions()
        options.realize(args=['-c', path])
        configs.append(options.process_group_configs)
    cur, new = configs
    curdict = {c.name: c for c in cur}
    newdict = {c.name: c for c in new}
    return {
        'added': [c.name for c in new if c.name not in curdict],
        'changed': [c.name for c in new if c != curdict.get(c.name, c)],
        'removed': [c.name for c in cur if c.name not in newdict],
    }


if __name__ == '__main__' and sys.argv[1] == 'diff':
    # dump.py diff OLD NEW [OLD NEW...]
    import os
    pairs = sys.argv[2:]
    print(json.dumps([diff(pairs[i], pairs[i + 1]) for i in range(0, len(pairs), 2)]))
elif __name__ == '__main__':
    # dump.py MODE FILE...: one JSON list, each file read from its own directory (so relative paths resolve there)
    import os
    mode, results = sys.argv[1], []
    for path in sys.argv[2:]:
        os.chdir(os.path.dirname(os.path.abspath(path)))
        results.append(dump_ctl(path) if mode == 'ctl' else dump_server(path))
    print(json.dumps(results))
