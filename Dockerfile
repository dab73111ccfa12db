# triplo-config: manages Triplo AI's LLM profiles and writes its config.json.
# The sidecar image (docker-compose.yml); docker/triplo/Dockerfile is the drop-in for the
# upstream Triplo image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_DEBUG=false \
    TRIPLO_DATA_DIR=/data \
    TRIPLO_CONFIG_PATH=/triplo/config.json \
    TRIPLO_PORT=8080 \
    TRIPLO_RUN_AS=10001

# A fixed UID so the data volume and Triplo's shared config directory can be owned by it.
RUN groupadd --gid 10001 triplo \
 && useradd --uid 10001 --gid 10001 --no-create-home --home-dir /app --shell /usr/sbin/nologin triplo

WORKDIR /app
COPY requirements.txt ./
# supervisor brings supervisorctl, which restarts Triplo in its own container.
RUN pip install -r requirements.txt supervisor==4.3.0

COPY . .
# PYTHONDONTWRITEBYTECODE keeps the running container from writing into /app: the project's own
# bytecode is compiled here once, or bootstrap and every worker would compile it on each start.
RUN python -m compileall -q core credentials history profiles triplo triplo_config
# The secret key is data (it encrypts stored credentials): never bake one into the image.
# Settings set umask 077 for the data files; the collected static files are public again.
RUN DJANGO_SECRET_KEY=collectstatic-only TRIPLO_DATA_DIR=/tmp/build-data \
    python manage.py collectstatic --noinput --verbosity 0 \
 && chmod -R a+rX staticfiles \
 && rm -rf /tmp/build-data \
 && mkdir -p /data /triplo \
 && chown triplo:triplo /data /triplo

# No USER: the entrypoint starts as root only to take ownership of the volumes (a fresh shared
# volume is root's), then runs everything as UID 10001 (TRIPLO_RUN_AS).
VOLUME /data
EXPOSE 8080

# Follows TRIPLO_PORT like the entrypoint; ALLOWED_HOSTS must keep "localhost" (the default does).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, sys, urllib.request; r = urllib.request.Request(f\"http://127.0.0.1:{os.environ.get('TRIPLO_PORT') or 8080}/api/health\", headers={'Host': 'localhost'}); sys.exit(0 if urllib.request.urlopen(r, timeout=4).status == 200 else 1)"]

ENTRYPOINT ["/app/docker/entrypoint.sh"]
