"""The reference for `make bench`: the old Flask web UI's way of switching, as a bare WSGI app.

What the container's old UI (ryan-haver/triplo, webui/app.py) did per request, minus Flask:
HTTP Basic compared with the configured user, config.json read with `json.load`, a switch made by
setting the provider and `json.dump`-ing over the file with `open("w")` (no temp file, no fsync,
no lock), and /api/status asking `pgrep -f triplo.ai`. Without Flask's routing it is a slightly
faster floor than the old UI itself, so the ratios it gives are if anything harsh. Served by the
same gunicorn (this project's gunicorn.conf.py, 2 workers) as triplo-config.

Environment: BENCH_CONFIG_PATH (the file), WEBUI_USERNAME / WEBUI_PASSWORD.
"""

import base64
import hmac
import json
import os
import subprocess
from pathlib import Path

CONFIG_PATH = Path(os.environ["BENCH_CONFIG_PATH"])
USER = os.environ["WEBUI_USERNAME"]
PASSWORD = os.environ["WEBUI_PASSWORD"]
PROVIDERS = [{"id": p} for p in ("open_ai", "open_router", "anthropic", "ollama")]
# What a torn read falls back to (the old UI's browser sent its own copy of the whole file).
_last_good: dict = json.loads(CONFIG_PATH.read_text())
torn_reads = 0


def _authorized(environ: dict) -> bool:
    header = environ.get("HTTP_AUTHORIZATION", "")
    if not header.startswith("Basic "):
        return False
    try:
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    except ValueError:
        return False
    return hmac.compare_digest(user, USER) & hmac.compare_digest(password, PASSWORD)


def _read() -> dict:
    global _last_good, torn_reads
    try:
        with open(CONFIG_PATH) as f:
            _last_good = json.load(f)
    except ValueError:  # another worker is half-way through its open("w") + json.dump
        torn_reads += 1
    return _last_good


def _switch(body: bytes) -> dict:
    source = json.loads(body)["ai_source"]
    config = _read()
    config.setdefault("settings", {})["ai_source"] = source
    with open(CONFIG_PATH, "w") as f:
        json.dump(config, f, indent=2)
    return {"success": True, "worker": os.getpid(), "torn_reads_in_worker": torn_reads}


def _status() -> dict:
    found = subprocess.run(["pgrep", "-f", "triplo.ai"], capture_output=True, text=True)
    return {"running": bool(found.stdout.strip())}


def app(environ: dict, start_response) -> list[bytes]:
    method, path = environ["REQUEST_METHOD"], environ["PATH_INFO"].rstrip("/")
    if path == "/api/health":
        answer, status = {"ok": True}, "200 OK"
    elif not _authorized(environ):
        answer, status = {"error": "unauthorized"}, "401 Unauthorized"
    elif (method, path) == ("GET", "/api/config"):
        answer, status = _read(), "200 OK"
    elif (method, path) == ("POST", "/api/config"):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        answer, status = _switch(environ["wsgi.input"].read(length)), "200 OK"
    elif (method, path) == ("GET", "/api/status"):
        answer, status = _status(), "200 OK"
    elif (method, path) == ("GET", "/api/providers"):
        answer, status = PROVIDERS, "200 OK"
    else:
        answer, status = {"error": "not found"}, "404 Not Found"
    body = json.dumps(answer).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
