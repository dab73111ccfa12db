"""WSGI entry point used by gunicorn."""

import os
import sys

from django.core.wsgi import get_wsgi_application

# Packages the development venv installs for the tests, which DRF and Django's test utilities
# (loaded by drf-spectacular) import whenever they are installed: requests for DRF's test
# client, pygments for its browsable API, jinja2 for Django's template tests. A worker uses
# none of them and the image installs none; without this, a worker started from the venv
# (`make run`, the tests, bench/) carries 8 MB more than the image's and starts 0.2 s later.
for _unused in ("requests", "pygments", "jinja2"):
    sys.modules.setdefault(_unused, None)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "triplo_config.settings")
application = get_wsgi_application()
