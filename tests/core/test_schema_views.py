"""/api/schema in a worker that has not built the schema yet (core.api_schema builds its view on
the first request): requests at once all get the document.

Only a fresh process shows it (drf-spectacular's first build in a process loads its extensions'
classes in place), so this runs in one, through the WSGI application as gunicorn calls it.
"""

from tests.cli import run_python

FIRST_BUILDS_AT_ONCE = """
import base64, io, sys, threading
from triplo_config.wsgi import application
from django.contrib.auth.models import User
from django.core.management import call_command

call_command("migrate", verbosity=0)
User.objects.create_superuser("admin", password="Schema-first-build-1")
token = base64.b64encode(b"admin:Schema-first-build-1").decode()

def get(path):
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "localhost",
        "SERVER_PORT": "80", "HTTP_HOST": "localhost", "HTTP_AUTHORIZATION": "Basic " + token,
        "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.errors": sys.stderr, "REMOTE_ADDR": "127.0.0.1",
    }
    answer = {}
    body = b"".join(application(environ, lambda status, headers: answer.update(status=status)))
    return answer["status"], body

get("/api/llm/providers")  # the password checked once, as a restart's master does
start, statuses = threading.Barrier(6), []

def first_schema():
    start.wait()
    status, body = get("/api/schema")
    statuses.append(status if body.startswith(b"openapi: ") else body[:80])

threads = [threading.Thread(target=first_schema) for _ in range(6)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print(sorted(statuses))
"""


def test_six_first_schema_requests_at_once_all_get_the_document(tmp_path):
    assert run_python(FIRST_BUILDS_AT_ONCE, tmp_path)[-1] == str(["200 OK"] * 6)
