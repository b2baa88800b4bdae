// The sample configuration printed by echo_supervisord_conf: the same sections and the same active values as
// Supervisor's sample, annotated in our own words. Everything optional is shown commented out with its default.

export const SAMPLE_CONFIG = `; supervisor-ts sample configuration (compatible with Supervisor 4.2.5).
;
; Reading rules worth knowing:
;  - Values are not run through a shell: "~" and "$VAR" are kept literally.
;    Use "%(ENV_VAR)s" to insert an environment variable and "%(here)s" for
;    the directory holding this file.  A literal percent sign is written "%%".
;  - Quotes are part of the value, except inside environment= lists.
;  - ";" or "#" starts a comment only after whitespace: "a=b ;note" is a
;    comment, "a=b;note" is not.  Beware: "command=sh -c 'x ; y'" is cut at
;    " ;" no matter the quotes.
;
; The paths below live in /tmp so that the file works anywhere; move them
; somewhere durable for real use (some systems clean /tmp, and a deleted
; socket file leaves supervisorctl unable to connect).

[unix_http_server]
file=/tmp/supervisor.sock   ; control socket path
;chmod=0700                 ; socket permissions (default 0700)
;chown=nobody:nogroup       ; socket owner user[:group]
;username=user              ; no authentication unless both username
;password=123               ;   and password are given ({SHA} digests allowed)

; The TCP control server is off by default.  It has no encryption; bind it to
; localhost or a trusted network only, set a username and password, and never
; expose it to the internet.
;[inet_http_server]
;port=127.0.0.1:9001        ; host:port, or *:port for every interface
;username=user              ; no authentication unless both username
;password=123               ;   and password are given

[supervisord]
logfile=/tmp/supervisord.log ; main log (default: supervisord.log in the cwd)
logfile_maxbytes=50MB        ; rotate the main log at this size (0 = never)
logfile_backups=10           ; rotated copies kept (0 = none)
loglevel=info                ; critical, error, warn, info, debug, trace, blather
pidfile=/tmp/supervisord.pid ; pid file (default: supervisord.pid in the cwd)
nodaemon=false               ; true keeps supervisord in the foreground
silent=false                 ; true stops echoing the log to stdout in the foreground
minfds=1024                  ; file descriptors required at startup
minprocs=200                 ; processes required at startup
;umask=022                   ; umask of the daemon (default 022)
;user=supervisord            ; drop root privileges to this account at startup
;identifier=supervisor       ; name reported over XML-RPC (default supervisor)
;directory=/tmp              ; chdir here when daemonizing (default: stay)
;nocleanup=true              ; keep old AUTO child logs at startup (default false)
;childlogdir=/tmp            ; where AUTO child logs go (default: the temp dir)
;environment=KEY="value"     ; extra variables for every child
;strip_ansi=false            ; remove ANSI escapes from child logs (default false)
; supervisor-ts extensions (Supervisor ignores them):
;env_file=supervisord.env    ; .env file(s) for every child, relative to this file
;console=false               ; copy child output to supervisord's stdout/stderr
;console_format=prefix       ; raw, prefix or json
;console_timestamps=false    ; prefix console lines with a timestamp
;exit_when_all_exited=false  ; exit once every process has stopped for good

; Keep this section: supervisorctl and the web pages use this interface.
; More interfaces may be declared in further [rpcinterface:x] sections.
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

; How supervisorctl reaches supervisord: match one of the servers above.
[supervisorctl]
serverurl=unix:///tmp/supervisor.sock ; unix:// URL of a socket file
;serverurl=http://127.0.0.1:9001 ; or an http:// URL of the TCP server
;username=chris              ; same as the server's, if it has one
;password=123                ; same as the server's, if it has one
;prompt=mysupervisor         ; interactive prompt (default "supervisor")
;history_file=~/.sc_history  ; keep command history in this file

; A program section, with every option and its default.  Create one
; [program:name] section per program to run.
;[program:theprogramname]
;command=/bin/cat              ; what to run (a bare name is searched in PATH)
;process_name=%(program_name)s ; name of each process (needs %(process_num)s if numprocs > 1)
;numprocs=1                    ; how many copies to run (default 1)
;directory=/tmp                ; chdir here before exec (default: no chdir)
;umask=022                     ; umask of the process (default: inherited)
;priority=999                  ; lower starts earlier and stops later (default 999)
;autostart=true                ; start when supervisord starts (default true)
;startsecs=1                   ; seconds up before it counts as RUNNING (default 1)
;startretries=3                ; failed starts allowed before FATAL (default 3)
;autorestart=unexpected        ; true, false or unexpected (default unexpected)
;exitcodes=0                   ; exit codes that count as expected (default 0)
;stopsignal=QUIT               ; signal sent to stop it (default TERM)
;stopwaitsecs=10               ; seconds to wait before SIGKILL (default 10)
;stopasgroup=false             ; signal the whole process group on stop (default false)
;killasgroup=false             ; SIGKILL the whole process group (default false)
;user=chrism                   ; run as this account
;redirect_stderr=true          ; merge stderr into stdout (default false)
;stdout_logfile=/a/path        ; a path, NONE, or AUTO (default AUTO)
;stdout_logfile_maxbytes=1MB   ; rotate at this size (default 50MB)
;stdout_logfile_backups=10     ; rotated copies kept (default 10)
;stdout_capture_maxbytes=1MB   ; capture mode buffer size (default 0 = off)
;stdout_events_enabled=false   ; emit PROCESS_LOG events (default false)
;stdout_syslog=false           ; also send to syslog (default false)
;stderr_logfile=/a/path        ; a path, NONE, or AUTO (default AUTO)
;stderr_logfile_maxbytes=1MB   ; rotate at this size (default 50MB)
;stderr_logfile_backups=10     ; rotated copies kept (default 10)
;stderr_capture_maxbytes=1MB   ; capture mode buffer size (default 0 = off)
;stderr_events_enabled=false   ; emit PROCESS_LOG events (default false)
;stderr_syslog=false           ; also send to syslog (default false)
;environment=A="1",B="2"       ; extra variables for this program
;serverurl=AUTO                ; SUPERVISOR_SERVER_URL given to the child
; supervisor-ts extensions (Supervisor ignores them):
;env_file=app.env              ; .env file(s), relative to this file
;critical=false                ; if it dies for good, stop everything and exit
;console=false                 ; copy its output to supervisord's stdout/stderr
;console_format=prefix         ; raw, prefix or json
;console_timestamps=false      ; prefix console lines with a timestamp

; An event listener pool, with every option and its default.  Listeners
; receive the events they subscribe to on stdin.
;[eventlistener:theeventlistenername]
;command=/bin/eventlistener    ; what to run (a bare name is searched in PATH)
;process_name=%(program_name)s ; name of each process
;numprocs=1                    ; how many listeners in the pool (default 1)
;events=EVENT                  ; event types to subscribe to (required)
;buffer_size=10                ; events queued while listeners are busy (default 10)
;directory=/tmp                ; chdir here before exec (default: no chdir)
;umask=022                     ; umask of the process (default: inherited)
;priority=-1                   ; listeners start first and stop last (default -1)
;autostart=true                ; start when supervisord starts (default true)
;startsecs=1                   ; seconds up before it counts as RUNNING (default 1)
;startretries=3                ; failed starts allowed before FATAL (default 3)
;autorestart=unexpected        ; true, false or unexpected (default unexpected)
;exitcodes=0                   ; exit codes that count as expected (default 0)
;stopsignal=QUIT               ; signal sent to stop it (default TERM)
;stopwaitsecs=10               ; seconds to wait before SIGKILL (default 10)
;stopasgroup=false             ; signal the whole process group on stop (default false)
;killasgroup=false             ; SIGKILL the whole process group (default false)
;user=chrism                   ; run as this account
;redirect_stderr=false         ; must stay false: stdout carries the protocol
;stdout_logfile=/a/path        ; a path, NONE, or AUTO (default AUTO)
;stdout_logfile_maxbytes=1MB   ; rotate at this size (default 50MB)
;stdout_logfile_backups=10     ; rotated copies kept (default 10)
;stdout_events_enabled=false   ; emit PROCESS_LOG events (default false)
;stdout_syslog=false           ; also send to syslog (default false)
;stderr_logfile=/a/path        ; a path, NONE, or AUTO (default AUTO)
;stderr_logfile_maxbytes=1MB   ; rotate at this size (default 50MB)
;stderr_logfile_backups=10     ; rotated copies kept (default 10)
;stderr_events_enabled=false   ; emit PROCESS_LOG events (default false)
;stderr_syslog=false           ; also send to syslog (default false)
;environment=A="1",B="2"       ; extra variables for this listener
;serverurl=AUTO                ; SUPERVISOR_SERVER_URL given to the child

; A group of programs controlled together as groupname:progname.
;[group:thegroupname]
;programs=progname1,progname2  ; names x of [program:x] sections
;priority=999                  ; group start order (default 999)

; More configuration files, whitespace- or newline-separated, globs allowed,
; relative to this file.  Included files cannot include further files.
;[include]
;files = relative/directory/*.ini
`;
