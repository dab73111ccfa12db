#!/bin/sh
# Container entrypoint: hand PID 1 to gunicorn, whose master first prepares (bootstrap: migrations,
# first-start import or seed, admin user, export) and then serves. The overrides exist so tests
# can run this script outside Docker against a venv and a free port; the image uses the defaults.
#
# Started as root with TRIPLO_RUN_AS set (the image sets 10001), it first takes ownership of the
# data directory and of its own files in Triplo's shared config directory (a fresh volume is
# root's), then runs itself again as that user: the server never runs as root.
set -eu

GUNICORN="${TRIPLO_GUNICORN:-gunicorn}"
BIND_HOST="${TRIPLO_BIND_HOST:-0.0.0.0}"
PORT="${TRIPLO_PORT:-8080}"
WORKERS="${TRIPLO_WORKERS:-2}"
RUN_AS="${TRIPLO_RUN_AS:-}"

cd "$(dirname "$0")/.."
DATA_DIR="${TRIPLO_DATA_DIR:-$PWD/data}"
CONFIG_PATH="${TRIPLO_CONFIG_PATH:-${HOME:-}/.config/Triplo AI/config.json}"
CONFIG_DIR="$(dirname "$CONFIG_PATH")"

if [ "$(id -u)" = 0 ] && [ -n "$RUN_AS" ]; then
  mkdir -p "$DATA_DIR" "$CONFIG_DIR"
  chown -R "$RUN_AS:$RUN_AS" "$DATA_DIR"
  # Triplo's directory (so config.json can be replaced atomically) and our files in it only.
  chown "$RUN_AS:$RUN_AS" "$CONFIG_DIR"
  for own in "$CONFIG_PATH" "$CONFIG_PATH.lock"; do
    if [ -f "$own" ] && [ ! -L "$own" ]; then chown "$RUN_AS:$RUN_AS" "$own"; fi
  done
  exec setpriv --reuid="$RUN_AS" --regid="$RUN_AS" --clear-groups -- "$0" "$@"
fi

for dir in "$DATA_DIR" "$CONFIG_DIR"; do
  mkdir -p "$dir" 2>/dev/null || true
  if [ ! -d "$dir" ] || [ ! -w "$dir" ] || [ ! -x "$dir" ]; then
    echo "triplo-config: $dir is not a directory writable by uid $(id -u);" \
      "start the container as root once (it then takes ownership) or chown it to $(id -u)" >&2
    exit 1
  fi
done

# gunicorn's master runs bootstrap before it binds and forks the workers (gunicorn.conf.py):
# one interpreter and one Django set-up instead of two, so a restart answers sooner.
export TRIPLO_BOOTSTRAP_IN_MASTER=1
exec "$GUNICORN" triplo_config.wsgi \
  --workers "$WORKERS" \
  --bind "$BIND_HOST:$PORT" \
  --access-logfile - \
  --graceful-timeout 10
