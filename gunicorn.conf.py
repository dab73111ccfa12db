"""gunicorn settings for every way this project is served: `make run`, the container's entrypoint
and the tests all start gunicorn in this directory, where it reads this file (command-line flags
and GUNICORN_CMD_ARGS still win).

Threads, because checking a wrong password is meant to be slow (PBKDF2, about 0.6 s of CPU):
with one sync thread per worker, six clients guessing kept both workers busy and /api/health
waited behind them. hashlib computes PBKDF2 without holding the GIL, so a threaded worker keeps
answering other requests meanwhile (bench/guessing.py measures it; see BENCHMARKS.md). Eight
threads leave free ones in each worker even when the guessers' connections land unevenly.
"""

worker_class = "gthread"
threads = 8

# gunicorn 27 opens a control socket at one fixed path: parallel servers (tests, bench) collide.
control_socket_disable = True
