#!/bin/sh
# Stand-in of the upstream entrypoint (headless mode): config.json from the environment, then a
# freshly written supervisord configuration on every start, then CMD.
/usr/local/bin/init-config.sh

cat >/etc/supervisor/conf.d/supervisord.conf <<'CONF'
[unix_http_server]
file=/var/run/supervisor.sock
chmod=0700

[supervisord]
nodaemon=true
user=root
logfile=/var/log/supervisor/supervisord.log

[supervisorctl]
serverurl=unix:///var/run/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[program:triplo]
command=/opt/triplo/triplo-ai/triplo.ai --no-sandbox --disable-gpu
directory=/opt/triplo/triplo-ai
autostart=true
autorestart=true
priority=200
stdout_logfile=/var/log/supervisor/triplo.log
stderr_logfile=/var/log/supervisor/triplo_err.log

[program:webui]
command=/usr/local/bin/gunicorn -w 2 -b 0.0.0.0:8080 app:app
directory=/opt/webui
autostart=true
autorestart=true
priority=300
stdout_logfile=/var/log/supervisor/webui.log
stderr_logfile=/var/log/supervisor/webui_err.log
CONF

exec "$@"
