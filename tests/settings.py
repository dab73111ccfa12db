"""Test settings: the real settings, with a throwaway data dir and no Triplo restarts."""

import os
import tempfile

os.environ.setdefault("TRIPLO_DATA_DIR", tempfile.mkdtemp(prefix="triplo-test-data-"))
os.environ.setdefault("TRIPLO_RESTART_COMMAND", "")
os.environ.setdefault("TRIPLO_STATUS_COMMAND", "")

from triplo_config.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
