"""gunicorn settings for Townsquare (systemd's townsquare-web.service and `make serve-prod` use this file).

The application is loaded once in the master (``preload_app``): townsquare/wsgi.py then loads search's
jieba dictionary and pypinyin's tables before the workers fork (smart routing's model runs in the task worker, not
here), so the workers share
those pages instead of holding a copy each. ``pre_fork`` closes what must not be shared (database and
cache connections) and freezes the garbage collector's view of the loaded objects, so that a collection
in a worker does not write to (and copy) the shared pages.

Environment: GUNICORN_BIND (default 127.0.0.1:8001), WEB_CONCURRENCY (workers, default 2),
GUNICORN_TIMEOUT (seconds, default 30), GUNICORN_MAX_REQUESTS (default 5000; 0: never recycle),
GUNICORN_PRELOAD (default 1; 0 loads the application in each worker: only to measure what preloading saves).
"""

import gc
import os

wsgi_app = "townsquare.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# nginx keeps connections to the app open (upstream keepalive).
keepalive = 5
# A worker is replaced after this many requests (a leak cannot grow for ever); the jitter staggers them.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# nginx logs requests; gunicorn logs errors to stderr (the journal under systemd).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# The workers' heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Trust X-Forwarded-* from nginx on the same machine only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "townsquare-web"
# No control socket (its default path is one per user, which several instances on one machine would share):
# systemd and `make serve-prod` manage gunicorn with signals.
control_socket_disable = True


def pre_fork(server, worker):
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    caches.close_all()
    gc.freeze()
