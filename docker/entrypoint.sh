#!/bin/sh
# Container entrypoint: prepare (migrations, first-start import or seed, admin user, export),
# then hand PID 1 to gunicorn. The overrides exist so tests can run this script outside Docker
# against a venv and a free port; the image uses the defaults.
set -eu

PYTHON="${TRIPLO_PYTHON:-python}"
GUNICORN="${TRIPLO_GUNICORN:-gunicorn}"
BIND_HOST="${TRIPLO_BIND_HOST:-0.0.0.0}"
PORT="${TRIPLO_PORT:-8080}"
WORKERS="${TRIPLO_WORKERS:-2}"

cd "$(dirname "$0")/.."
"$PYTHON" manage.py bootstrap
exec "$GUNICORN" triplo_config.wsgi \
  --workers "$WORKERS" \
  --bind "$BIND_HOST:$PORT" \
  --access-logfile - \
  --graceful-timeout 10
