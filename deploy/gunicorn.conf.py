"""gunicorn settings for egovrank (docs/deploy.md).

    .venv/bin/gunicorn -c deploy/gunicorn.conf.py egovrank.wsgi

The app's own settings come from its environment (docs/configuration.md); these are
only the server's. Override any of them without editing this file, in the service's
environment file: ``GUNICORN_CMD_ARGS="--workers 4 --bind 10.0.0.21:8000"`` (gunicorn
reads it after this file; the command line wins over both). gunicorn also reads
``FORWARDED_ALLOW_IPS`` itself: the addresses of the proxies whose X-Forwarded-* headers
it believes (default: this machine, where nginx runs on one server).
"""

import os

# nginx on the same machine talks to this address; nothing else should reach it.
bind = "127.0.0.1:8000"

# Sync workers: nginx in front reads each request in full (uploads included) before
# passing it on and takes the answer at once, so a worker is never held by a slow
# connection. The work per request is CPU (templates, scoring, Argon2 at sign-in):
# about two workers per core, capped, since each holds its own memory (~100 MB) and its
# own PostgreSQL connection (DATABASE_CONN_MAX_AGE).
workers = min(2 * (os.cpu_count() or 1) + 1, 9)
worker_class = "sync"
# Exports of a whole period's results take a few seconds; anything past a minute is
# stuck, and gunicorn replaces the worker.
timeout = 60
graceful_timeout = 30
# Replacing each worker after about a thousand requests bounds any slow growth of
# memory; the jitter keeps the workers from restarting together.
max_requests = 1000
max_requests_jitter = 100
# Workers report they are alive through a file; in memory, a busy disk cannot stall it.
# (gunicorn makes that file with mkstemp and unlinks it at once.)
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# Errors and start/stop lines on standard error, beside the app's log (the journal
# under systemd). nginx keeps the access log; set --access-logfile - to have one here.
errorlog = "-"
loglevel = "info"
accesslog = None
proc_name = "egovrank"

# systemd (or whatever runs gunicorn) starts, reloads and stops it; gunicorn's own
# control socket, which it would create under $HOME, is not needed.
control_socket_disable = True
