"""Checks that config.json and the database agree, run in a separate process."""

import json

from tests.support.processes import manage

COMPARE_WITH_FRESH_EXPORT = """
import json
from triplo.export import owned_values
from profiles.models import LlmProfile
from triplo import configfile
settings = configfile.read_document()["settings"]
expected = owned_values(settings).values
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA integrity_check")
    integrity = cursor.fetchone()[0]
print(json.dumps({
    "differing": sorted(k for k, v in expected.items() if settings.get(k) != v),
    "active_count": LlmProfile.objects.filter(is_active=True).count(),
    "profiles": LlmProfile.objects.count(),
    "integrity": integrity,
}))
"""


def compare_with_fresh_export(env: dict[str, str]) -> dict:
    """Which owned keys of config.json differ from an export of the database now, the number
    of active profiles, and SQLite's integrity check."""
    return json.loads(manage(env, "shell", "--no-imports", "-c", COMPARE_WITH_FRESH_EXPORT).stdout)


MATCHES_A_COMMITTED_STATE = """
import json
from credentials.models import ProviderCredential
from profiles import document
from triplo import configfile, export
settings = configfile.read_document()["settings"]
credentials = {c.provider: c for c in ProviderCredential.objects.all()}
state = {
    "llm_profiles": document.exported_state()[document.PROFILES_KEY],
    "active_llm_profile": settings["active_llm_profile"],
    "provider_credentials": {k: document.credential_document(v) for k, v in credentials.items()},
}
active = next((p for p in state["llm_profiles"] if p["id"] == settings["active_llm_profile"]), None)
expected = {
    "llm_profiles": state["llm_profiles"],
    "provider_credentials": state["provider_credentials"],
    **export.legacy_values(state),
}
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("PRAGMA integrity_check")
    integrity = cursor.fetchone()[0]
print(json.dumps({
    "active_is_a_profile": active is not None,
    "differing": sorted(k for k, v in expected.items() if settings.get(k) != v),
    "integrity": integrity,
}))
"""


def matches_a_committed_state(env: dict[str, str]) -> dict:
    """Whether config.json is the export of the database with some profile active.

    With only activations going on, every committed state differs by which profile is active.
    Also runs SQLite's integrity check, in the same process to save a start-up.
    """
    return json.loads(manage(env, "shell", "--no-imports", "-c", MATCHES_A_COMMITTED_STATE).stdout)
