"""gunicorn settings for every way this project is served: `make run`, the container's entrypoint
and the tests all start gunicorn in this directory, where it reads this file (command-line flags
and GUNICORN_CMD_ARGS still win).

Threads, because checking a wrong password is meant to be slow (PBKDF2, about 0.6 s of CPU):
with one sync thread per worker, six clients guessing kept both workers busy and /api/health
waited behind them. hashlib computes PBKDF2 without holding the GIL, so a threaded worker keeps
answering other requests meanwhile (bench/guessing.py measures it; see BENCHMARKS.md). Eight
threads leave free ones in each worker even when the guessers' connections land unevenly.
"""

import ctypes
import gc
import os

worker_class = "gthread"
threads = 8

# gunicorn 27 opens a control socket at one fixed path: parallel servers (tests, bench) collide.
control_socket_disable = True

# The app is imported once, in the master, before it forks the workers: a restart then imports
# Django and the apps once instead of once per worker at the same time (on two cores beside
# other work, the first 200 came about a second later), and the workers share those pages
# until they write to them. Nothing opens a database connection or starts a thread on import
# (Django connects on the first query, in the worker's own thread), so a fork inherits none.
preload_app = True

# glibc gives each thread that allocates its own malloc arena (up to 8 per core): with 8 threads
# a worker kept several partly used arenas, 1-2 MB of resident memory for nothing this server
# needs (its allocations are small and short). Two arenas, set here before any thread starts;
# the same as MALLOC_ARENA_MAX=2 in the environment, which still wins if set.
M_ARENA_MAX = -8  # glibc's malloc.h
if os.confstr("CS_GNU_LIBC_VERSION") and "MALLOC_ARENA_MAX" not in os.environ:
    ctypes.CDLL(None).mallopt(M_ARENA_MAX, 2)


def on_starting(server: object) -> None:
    """With TRIPLO_BOOTSTRAP_IN_MASTER=1 (the entrypoint, `make run`), the master runs bootstrap
    before it binds and forks: one Django set-up for both (triplo_config.serverstart)."""
    if os.environ.get("TRIPLO_BOOTSTRAP_IN_MASTER") == "1":
        from triplo_config.serverstart import prepare

        prepare()


def pre_fork(server: object, worker: object) -> None:
    """Everything the master loaded (Django, the apps, every view: tens of thousands of objects
    that live as long as the worker) leaves the garbage collector's view before the fork. A
    worker's full collection then walks only what it made itself (measured in-process: 48 ms,
    with the preloaded objects frozen 1.7 ms; CPython's advice for forking servers, see
    gc.freeze). What the master allocates between two forks is frozen as well: a few objects."""
    gc.freeze()
