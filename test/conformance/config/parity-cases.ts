// Config files fed to both Supervisor 4.2.5 and supervisor-ts. `@DIR@` becomes the temp dir.

export interface ParityCase {
  name: string;
  files: Record<string, string>;
  /** the file given with -c (default supervisord.conf) */
  main?: string;
}

const HEAD = '[supervisord]\nlogfile=%(here)s/sd.log\npidfile=%(here)s/sd.pid\n';

export const VALID_CASES: ParityCase[] = [
  {
    name: 'numprocs with a formatted process_name, priorities and a heterogeneous group',
    files: {
      'supervisord.conf': `${HEAD}
[program:web]
command=/bin/sleep %(process_num)d
process_name=%(program_name)s_%(process_num)02d
numprocs=3
numprocs_start=8
priority=5
[program:a]
command=/bin/true %(group_name)s %(host_node_name)s
[program:b]
command = /bin/true %(program_name)s
priority: 1
[group:pair]
programs=a,b
priority=3
[program:solo]
command=/bin/cat
autostart=no
autorestart=TRUE
startsecs=0
startretries=9
stopsignal=sigusr1
stopwaitsecs=3
stopasgroup=on
exitcodes=0, 2 ,255
umask=0o22
directory=/tmp
user=root
serverurl=auto
`,
    },
  },
  {
    name: 'includes: globs, sorted order, %(here)s per file, DEFAULT values, last value wins',
    files: {
      'supervisord.conf': `[DEFAULT]
startsecs=7
[supervisord]
logfile=%(here)s/sd.log
pidfile=%(here)s/sd.pid
[include]
files = conf.d/*.conf
  other/x?.ini
  missing/*.conf
[program:main]
command=/bin/echo %(here)s
priority=1
`,
      'conf.d/b.conf': '[program:b]\ncommand=/bin/echo %(here)s\n',
      'conf.d/a.conf': '[program:a]\ncommand=/bin/echo a\nstdout_logfile=%(here)s/a.log\n[program:main]\npriority=2\n',
      'conf.d/.hidden.conf': '[program:hidden]\ncommand=/bin/false\n',
      'other/x1.ini': '[program:x1]\ncommand=/bin/true\n',
    },
  },
  {
    name: 'environment expansions: ENV_, [supervisord] environment, program environment, double expansion of logfiles',
    files: {
      'supervisord.conf': `[supervisord]
logfile=%(here)s/sd.log
pidfile=%(here)s/sd.pid
environment=GLOBAL="g1",SHARED='from supervisord',HOSTISH=%%(host_node_name)s
identifier=ident-%(ENV_HOME)s
[program:env]
command=/bin/echo %(ENV_GLOBAL)s %(ENV_LOCAL)s %(ENV_SHARED)s %(ENV_PATH)s
environment=LOCAL="l %(process_num)d",SHARED=mine,Q='x,y',EMPTY=""
stdout_logfile=%(here)s/out-%%%%-%(process_num)s.log
stderr_logfile=NONE
`,
    },
  },
  {
    name: 'INI syntax: comments, continuation lines, separators, option case, quotes kept',
    files: {
      'supervisord.conf': `; a comment
# another
[supervisord]
logfile=%(here)s/sd.log ; inline comment
pidfile : %(here)s/sd.pid # also inline
Identifier=Mixed;notacomment#nor this
[program:multi]
command=/bin/sh -c 'a ; b'
directory = /tmp
environment = A="1",
    B="2"

    ,C=3
[program:quoted]
command="/bin/true"
process_name=  spaced
[Program:ignored]
command=/bin/false
[unknown_section]
x=y
`,
    },
  },
  {
    name: 'log targets and their warnings',
    files: {
      'supervisord.conf': `${HEAD}
[program:a]
command=/bin/true
stdout_logfile=auto
stdout_logfile_maxbytes=0
stderr_logfile=syslog
[program:b]
command=/bin/true
redirect_stderr=true
stderr_logfile=%(here)s/err.log
stdout_logfile=off
stdout_capture_maxbytes=1 kb
stderr_events_enabled=1
stdout_logfile_backups=0
[program:c]
command=/bin/true
stdout_logfile=~/c.log
stdout_syslog=true
stderr_logfile_maxbytes=2GB
`,
    },
  },
  {
    name: 'servers, rpcinterface, event listener and fcgi programs',
    files: {
      'supervisord.conf': `${HEAD}
[unix_http_server]
file=%(here)s/../x/../s.sock
chmod=0777
chown=root:root
username=u
password={SHA}abc
[inet_http_server]
port=*:9009
[inet_http_server:second]
port=LocalHost:9010
username=a
password="b"
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[eventlistener:listen]
command=/bin/cat
events=process_state,TICK_5, tick_5
buffer_size=3
[fcgi-program:f]
command=/bin/cat
socket=unix://%(here)s/%(program_name)s.sock
socket_mode=0600
[fcgi-program:t]
command=/bin/cat
socket=tcp://LOCALHOST:9011
socket_backlog=7
`,
    },
  },
];

const BAD = (body: string): Record<string, string> => ({ 'supervisord.conf': `${HEAD}${body}` });

export const INVALID_CASES: ParityCase[] = [
  { name: 'parse errors', files: { 'supervisord.conf': '[supervisord]\nfoo bar\n  [x\n=v\n' } },
  { name: 'no section header', files: { 'supervisord.conf': 'a=b\n[supervisord]\n' } },
  { name: 'no supervisord section', files: { 'supervisord.conf': '[program:x]\ncommand=/bin/true\n' } },
  { name: 'include without files', files: { 'supervisord.conf': `${HEAD}[include]\n` } },
  { name: 'parse error in an included file', files: { 'supervisord.conf': `${HEAD}[include]\nfiles=*.ini\n`, 'x.ini': '[program:y]\nbad line\n' } },
  { name: 'missing command', files: BAD('[program:x]\nnumprocs=1\n') },
  { name: 'unknown expansion name', files: BAD('[program:x]\ncommand=/bin/echo %(nope)s\n') },
  { name: 'process_num in a once-per-section option', files: BAD('[program:x]\ncommand=/bin/true\npriority=%(process_num)d\n') },
  { name: 'incomplete format', files: BAD('[program:x]\ncommand=/bin/echo 100%\n') },
  { name: 'unsupported format character', files: BAD('[program:x]\ncommand=/bin/echo %y\n') },
  { name: 'numprocs without process_num', files: BAD('[program:x]\ncommand=/bin/true\nnumprocs=2\n') },
  { name: 'bad boolean', files: BAD('[program:x]\ncommand=/bin/true\nautostart=maybe\n') },
  { name: 'bad integer', files: BAD('[program:x]\ncommand=/bin/true\nstartsecs=1.5\n') },
  { name: 'bad byte size', files: BAD('[program:x]\ncommand=/bin/true\nstdout_logfile_maxbytes=1.5MB\n') },
  { name: 'bad signal name', files: BAD('[program:x]\ncommand=/bin/true\nstopsignal=FOO\n') },
  { name: 'bad signal number', files: BAD('[program:x]\ncommand=/bin/true\nstopsignal=33\n') },
  { name: 'bad exit codes', files: BAD('[program:x]\ncommand=/bin/true\nexitcodes=0,256\n') },
  { name: 'bad autorestart', files: BAD('[program:x]\ncommand=/bin/true\nautorestart=Sometimes\n') },
  { name: 'bad umask', files: BAD('[program:x]\ncommand=/bin/true\numask=8\n') },
  { name: 'unknown user', files: BAD('[program:x]\ncommand=/bin/true\nuser=nosuchuser\n') },
  { name: 'unknown uid', files: BAD('[program:x]\ncommand=/bin/true\nuser=77777\n') },
  { name: 'stopasgroup without killasgroup', files: BAD('[program:x]\ncommand=/bin/true\nstopasgroup=true\nkillasgroup=false\n') },
  { name: 'bad program name', files: BAD('[program:a b]\ncommand=/bin/true\n') },
  { name: 'bad process_name', files: BAD('[program:x]\ncommand=/bin/true\nprocess_name=a/b\n') },
  { name: 'missing log directory', files: BAD('[program:x]\ncommand=/bin/true\nstdout_logfile=/nonexistent/dir/x.log\n') },
  { name: 'environment: unexpected end', files: BAD('[program:x]\ncommand=/bin/true\nenvironment=A=1 B=2\n') },
  { name: 'environment: no closing quotation', files: BAD('[program:x]\ncommand=/bin/true\nenvironment=A="1\n') },
  { name: 'group names unknown program', files: BAD('[group:g]\nprograms=a,b\n[program:a]\ncommand=/bin/true\n') },
  { name: 'group name ambiguous', files: BAD('[group:g]\nprograms=a\n[program:a]\ncommand=/bin/true\n[fcgi-program:a]\ncommand=/bin/true\nsocket=tcp://localhost:1\n') },
  { name: 'eventlistener without events', files: BAD('[eventlistener:l]\ncommand=/bin/cat\n') },
  { name: 'eventlistener unknown event', files: BAD('[eventlistener:l]\ncommand=/bin/cat\nevents=TICK_5,FOO\n') },
  { name: 'eventlistener buffer_size', files: BAD('[eventlistener:l]\ncommand=/bin/cat\nevents=TICK_5\nbuffer_size=0\n') },
  { name: 'eventlistener redirect_stderr', files: BAD('[eventlistener:l]\ncommand=/bin/cat\nevents=TICK_5\nredirect_stderr=true\n') },
  { name: 'fcgi without socket', files: BAD('[fcgi-program:f]\ncommand=/bin/cat\n') },
  { name: 'fcgi relative unix socket', files: BAD('[fcgi-program:f]\ncommand=/bin/cat\nsocket=unix://rel.sock\n') },
  { name: 'fcgi bad socket format', files: BAD('[fcgi-program:f]\ncommand=/bin/cat\nsocket=udp://x:1\n') },
  { name: 'fcgi socket_mode on tcp', files: BAD('[fcgi-program:f]\ncommand=/bin/cat\nsocket=tcp://localhost:1\nsocket_mode=0600\n') },
  { name: 'fcgi socket_backlog', files: BAD('[fcgi-program:f]\ncommand=/bin/cat\nsocket=tcp://localhost:1\nsocket_backlog=0\n') },
  { name: 'unix server without file', files: BAD('[unix_http_server]\nchmod=0700\n') },
  { name: 'unix server bad chmod', files: BAD('[unix_http_server]\nfile=/tmp/x.sock\nchmod=abc\n') },
  { name: 'unix server bad chown', files: BAD('[unix_http_server]\nfile=/tmp/x.sock\nchown=nosuchuser\n') },
  { name: 'incomplete authentication', files: BAD('[inet_http_server]\nport=9001\nusername=u\n') },
  { name: 'inet server without port', files: BAD('[inet_http_server]\nusername=u\npassword=p\n') },
  { name: 'inet server bad port', files: BAD('[inet_http_server]\nport=localhost:70000\n') },
  { name: 'inet server non-numeric port', files: BAD('[inet_http_server]\nport=abc\n') },
  { name: 'rpcinterface without factory', files: BAD('[rpcinterface:x]\nfoo=bar\n') },
  { name: 'supervisord bad loglevel', files: { 'supervisord.conf': '[supervisord]\nloglevel=warning\n' } },
  { name: 'supervisord bad user', files: { 'supervisord.conf': '[supervisord]\nuser=nosuchuser\n' } },
  { name: 'supervisord childlogdir missing', files: { 'supervisord.conf': '[supervisord]\nchildlogdir=/nonexistent/x\n' } },
  { name: 'supervisord environment double expansion', files: { 'supervisord.conf': '[supervisord]\nenvironment=A="100%%"\n' } },
  { name: 'supervisord bad minfds', files: { 'supervisord.conf': '[supervisord]\nminfds=lots\n' } },
];

/** Cases that exercise quirks (each line of an environment= value is one of §1.3's examples). */
export const QUIRK_CASES: ParityCase[] = [
  {
    name: 'environment= legacy shlex quirks',
    files: {
      'supervisord.conf': `${HEAD}
[program:e1]
command=/bin/true
environment=A="1",B="2"
[program:e2]
command=/bin/true
environment=A=1 , B=2
[program:e3]
command=/bin/true
environment=A=1;B=2
[program:e4]
command=/bin/true
environment=A=1,
[program:e5]
command=/bin/true
environment=A=a b
[program:e6]
command=/bin/true
environment=A=$HOME
[program:e7]
command=/bin/true
environment=A=x#y
[program:e8]
command=/bin/true
environment=A="a\\"b"
[program:e9]
command=/bin/true
environment=A='x,y',B="q r",C=/usr/bin:/bin,D=a.b-c+d(e)
`,
    },
  },
  {
    name: 'DEFAULT applies to every section, %(here)s in included files, indented header is a continuation',
    files: {
      'supervisord.conf': `[DEFAULT]
autostart=false
stdout_logfile=%(here)s/%(program_name)s.log
[supervisord]
logfile=%(here)s/sd.log
pidfile=%(here)s/sd.pid
identifier=id
[include]
files=sub/*.conf
[inet_http_server]
port=127.0.0.1:%(here)s
`.replace('port=127.0.0.1:%(here)s\n', 'port=127.0.0.1:9555\n'),
      'sub/p.conf': `[program:p]
command=/bin/echo
  [not_a_section]
stderr_logfile=%(here)s/err.log
`,
    },
  },
  {
    name: 'value converters: sizes, signals, octal, booleans',
    files: {
      'supervisord.conf': `[supervisord]
logfile=syslog
pidfile=%(here)s/sd.pid
umask=777
logfile_maxbytes=1 MB
logfile_backups= 3
loglevel=BLATHER
nodaemon=On
minfds=+2048
[program:s1]
command=/bin/true
stopsignal= hup
stdout_logfile_maxbytes=1kB
stderr_logfile_maxbytes=-5
[program:s2]
command=/bin/true
stopsignal=15
exitcodes=
umask=0o002
[program:s3]
command=/bin/true
stopsignal=RTMIN
killasgroup=YES
`,
    },
  },
];

QUIRK_CASES.push({
  name: 'names each option may use',
  files: {
    'supervisord.conf': `${HEAD}
identifier=%(here)s
[include]
files=%(host_node_name)s*.conf %(ENV_HOME)s/nothing-here-*.conf
[group:g]
programs=p
priority=%(here)s`.replace('priority=%(here)s', 'priority=4') + `
[program:p]
command=/bin/echo %(program_name)s %(group_name)s %(process_num)d %(numprocs)d %(host_node_name)s %(here)s
directory=%(process_num)d
stdout_logfile=%(here)s/%(group_name)s-%(process_num)d.log
stderr_logfile_backups=%(process_num)d
stopwaitsecs=%(ENV_NUM)s`.replace('%(ENV_NUM)s', '7') + `
[fcgi-program:f]
command=/bin/cat
socket=unix://%(here)s/%(program_name)s.sock
[eventlistener:l]
command=/bin/cat %(program_name)s
events=TICK_5
buffer_size=5
`,
  },
});

QUIRK_CASES.push({
  name: 'odd but accepted: numprocs=0, empty names, a program in two groups, fcgi in a group, suffixed servers',
  files: {
    'supervisord.conf': `${HEAD}
[program:none]
command=/bin/true
numprocs=0
[program:]
command=/bin/true
[program:spacey]
command=/bin/echo
  second line
process_name=%(ENV_SPACEY)s
serverurl=
user=0
directory=~/x
[program:shared]
command=/bin/true
[group:g1]
programs=shared
[group:g2]
programs=shared,fc
[group:empty]
programs=
[fcgi-program:fc]
command=/bin/cat
socket=tcp://localhost:9444
[unix_http_server:extra]
file=/tmp/%(ENV_NOPE_NOT_SET)s.sock
[inet_http_serverX]
port=9445
`.replace('%(ENV_SPACEY)s', 'sp%(process_num)d').replace('%(ENV_NOPE_NOT_SET)s', 'extra'),
  },
});

export const QUIRK_INVALID_CASES: ParityCase[] = [
  { name: 'environment A=', files: BAD('[program:x]\ncommand=/bin/true\nenvironment=A=\n') },
  { name: 'environment double separator', files: BAD('[program:x]\ncommand=/bin/true\nenvironment=A=1,,B=2\n') },
  { name: 'environment K=v=w', files: BAD('[program:x]\ncommand=/bin/true\nenvironment=K=v=w\n') },
  { name: 'environment a*b', files: BAD('[program:x]\ncommand=/bin/true\nenvironment=A=a*b\n') },
  { name: 'environment missing value', files: BAD('[program:x]\ncommand=/bin/true\nenvironment=A=x,B\n') },
  { name: '%(here)s in inet port without [include]', files: BAD('[inet_http_server]\nport=%(here)s\n') },
  { name: 'positional %d with a name', files: BAD('[program:x]\ncommand=/bin/echo %(program_name)d\n') },
  { name: 'incomplete format key', files: BAD('[program:x]\ncommand=/bin/echo %(program_name\n') },
  { name: 'single %% in a logfile (expanded twice)', files: BAD('[program:x]\ncommand=/bin/true\nstdout_logfile=/tmp/a%%b\n') },
  { name: 'byte size with one-letter suffix', files: BAD('[program:x]\ncommand=/bin/true\nstdout_logfile_maxbytes=1M\n') },
  { name: 'octal with 8', files: BAD('[program:x]\ncommand=/bin/true\numask=0x1\n') },
  { name: 'user:group bad group', files: BAD('[unix_http_server]\nfile=/tmp/x.sock\nchown=root:nosuchgroup\n') },
  { name: 'exit code list with trailing comma', files: BAD('[program:x]\ncommand=/bin/true\nexitcodes=0,\n') },
  { name: 'fcgi bad socket_owner', files: BAD('[fcgi-program:f]\ncommand=/bin/cat\nsocket=unix:///tmp/f.sock\nsocket_owner=nosuchuser\n') },
  { name: 'group with a bad name', files: BAD('[group:a:b]\nprograms=\n') },
  { name: 'program_name in [supervisord]', files: { 'supervisord.conf': '[supervisord]\nidentifier=%(program_name)s\n' } },
  { name: 'host_node_name in [supervisord] (not environment)', files: { 'supervisord.conf': '[supervisord]\nidentifier=%(host_node_name)s\n' } },
  { name: 'group_name in [group:x] programs', files: BAD('[group:g]\nprograms=%(group_name)s\n') },
  { name: 'process_num in eventlistener events', files: BAD('[eventlistener:l]\ncommand=/bin/cat\nevents=%(process_num)s\n') },
  { name: 'program_name in fcgi socket_mode', files: BAD('[fcgi-program:f]\ncommand=/bin/cat\nsocket=tcp://localhost:1\nsocket_mode=%(program_name)s\n') },
  { name: 'here in rpcinterface extras without [include]', files: BAD('[rpcinterface:supervisor]\nsupervisor.rpcinterface_factory=supervisor.rpcinterface:make_main_rpcinterface\nx=%(here)s\n') },
  { name: 'here in unix server chmod', files: BAD('[unix_http_server]\nfile=/tmp/x.sock\nchmod=%(here)s\n') },
  { name: 'numprocs in a once-per-section option', files: BAD('[program:x]\ncommand=/bin/true\nstartsecs=%(numprocs)d\n') },
];

export const CTL_CASES: ParityCase[] = [
  { name: 'defaults', files: { 'supervisord.conf': '[supervisorctl]\n' } },
  {
    name: 'unix serverurl with %(here)s, history file, credentials and prompt',
    files: {
      'supervisord.conf':
        '[supervisorctl]\nserverurl=unix://%(here)s/../x/s.sock\nusername=u\npassword=p w\nprompt=my\nhistory_file=~/h\n',
    },
  },
  { name: 'http serverurl from DEFAULT', files: { 'supervisord.conf': '[DEFAULT]\nserverurl=http://127.0.0.1:9\n[supervisorctl]\n' } },
  { name: 'missing section', files: { 'supervisord.conf': '[supervisord]\n' } },
];
