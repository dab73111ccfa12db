"""SQL statements per request do not grow with the number of profiles (issue 14).

Each request is counted whole: the view, the change, the version the history records and the
export to config.json that runs after the commit.
"""

import pytest
from django.db import connection
from rest_framework.test import APIClient

from core.changes import record_change
from profiles.models import LlmProfile
from tests.support.factories import make_credential, make_profile

pytestmark = pytest.mark.django_db

KEY = "sk-test-abcdefghijklmnop"
# What one request may cost at most, whatever the number of profiles (counted inside the test's
# transaction: SAVEPOINT and RELEASE stand where a server runs BEGIN and COMMIT). PostgreSQL
# adds the revision row's lock, which SQLite's IMMEDIATE transactions make needless.
ROW_LOCK = 1 if connection.features.has_select_for_update else 0
ACTIVATION_MAX = 18 + ROW_LOCK
CREATION_MAX = 23 + ROW_LOCK
LIST_MAX = 4


def add_profiles(total: int) -> None:
    """Bring the number of profiles up to `total` (inactive copies, in one statement).

    Added behind the services' back, the copies would all be recorded by the next change's
    version; one change recorded here keeps the counted request an ordinary one."""
    start = LlmProfile.objects.count()
    LlmProfile.objects.bulk_create(
        LlmProfile(name=f"p{i}", name_key=f"p{i}", provider="open_ai", model="m", position=i)
        for i in range(start, total)
    )
    record_change(f"{total - start} profiles added by the test")


def counted(assert_max, capture, limit: int, request) -> int:
    """The statements `request()` runs, with the callbacks of its commit (the export)."""
    with assert_max(limit) as queries, capture(execute=True):
        response = request()
    assert response.status_code < 300, response.content
    return len(queries)


@pytest.fixture
def two_profiles() -> tuple[LlmProfile, LlmProfile]:
    make_credential("open_ai", api_key=KEY)
    return make_profile("A", "open_ai", "gpt-4o", active=True), make_profile("B", "open_ai", "m")


def test_an_activation_costs_the_same_statements_with_3_and_60_profiles(
    api: APIClient,
    two_profiles,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    first, second = two_profiles
    counts = []
    for total, profile in ((3, second), (60, first)):
        add_profiles(total)
        activate = lambda p=profile: api.post(f"/api/llm/profiles/{p.pk}/activate")  # noqa: E731
        counts.append(
            counted(
                django_assert_max_num_queries,
                django_capture_on_commit_callbacks,
                ACTIVATION_MAX,
                activate,
            )
        )
    assert counts[0] == counts[1]
    assert LlmProfile.objects.get(is_active=True) == first


def test_creating_a_profile_costs_the_same_statements_with_3_and_60_profiles(
    api: APIClient,
    two_profiles,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    counts = []
    for total in (3, 60):
        add_profiles(total)
        body = {"name": f"new {total}", "provider": "open_ai", "model": "m"}
        create = lambda b=body: api.post("/api/llm/profiles", b, format="json")  # noqa: E731
        counts.append(
            counted(
                django_assert_max_num_queries,
                django_capture_on_commit_callbacks,
                CREATION_MAX,
                create,
            )
        )
    assert counts[0] == counts[1]
    assert LlmProfile.objects.get(name="new 60").position == 60


@pytest.mark.parametrize("total", [3, 60])
def test_listing_profiles_costs_at_most_4_statements(
    api: APIClient, two_profiles, django_assert_max_num_queries, total: int
):
    add_profiles(total)
    with django_assert_max_num_queries(LIST_MAX):
        response = api.get("/api/llm/profiles")
    assert len(response.json()) == total
