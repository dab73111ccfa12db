"""Versions store what changed: the same few bytes for an activation at any number of profiles,
and every kept version's whole state is rebuilt exactly from the head and the newer deltas."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from history import head
from history import services as history
from history.models import Version
from history.recording import record_version
from history.snapshot import full_state, read_current
from history.states import state_of
from profiles import services
from profiles.models import LlmProfile
from tests.support.factories import make_credential, make_profile
from triplo import configfile, triplo_settings_service
from triplo.export import export

KEY_1 = "sk-proj-first-key-abcdefghijklmnop"
KEY_2 = "sk-proj-second-key-qrstuvwxyz012345"
LICENSE = "TRIPLO-LICENSE-KEPT-IN-DELTAS-0123"


def seed(count: int) -> None:
    """Profiles written behind the services' back (no version each): only n matters here."""
    start = LlmProfile.objects.count()
    LlmProfile.objects.bulk_create(
        LlmProfile(
            name=f"seed {i}",
            name_key=LlmProfile.key_of(f"seed {i}"),
            provider="ollama",
            model="llama3",
            position=1000 + i,
        )
        for i in range(start, start + count)
    )


def stored_bytes(number: int) -> int:
    """What the version's row holds: its snapshot's JSON and its encrypted secrets."""
    version = Version.objects.without_secrets().get(number=number)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secrets FROM history_version WHERE number = %s", [number])
        (secrets,) = cursor.fetchone()
    return len(json.dumps(version.snapshot)) + len(bytes(secrets or b""))


def newest() -> int:
    return history.versions().first().number


def live() -> tuple[dict, dict | None]:
    """The state as it is now, in the form a version shows it."""
    current = read_current()
    rows = list(LlmProfile.objects.ordered().values_list(*head.COLUMNS))
    profiles = {"profiles": head.documents(rows)}
    return full_state({**current.rest, **profiles}), current.secrets


@pytest.fixture
def two_openai_profiles(db) -> tuple[LlmProfile, LlmProfile]:
    """Profiles A and B on one OpenAI credential: activating either one is a real switch."""
    make_credential("open_ai", api_key=KEY_1)
    return (
        make_profile("A", provider="open_ai", model="gpt-4o"),
        make_profile("B", provider="open_ai", model="gpt-4o"),
    )


@pytest.mark.django_db
def test_an_activation_stores_the_same_few_bytes_at_5_and_at_200_profiles(two_openai_profiles):
    a, b = two_openai_profiles
    sizes = []
    for total in (5, 200):
        seed(total - LlmProfile.objects.count())
        services.activate_profile(a.pk)
        services.activate_profile(b.pk)
        assert Version.objects.get(number=newest()).snapshot == {"active": [str(a.pk), str(b.pk)]}
        sizes.append(stored_bytes(newest()))
    assert LlmProfile.objects.count() == 200
    assert sizes[0] == sizes[1] < 200
    services.update_profile(a.pk, temperature=0.1)
    changes = Version.objects.get(number=newest()).snapshot
    assert list(changes) == ["profiles"] and list(changes["profiles"]) == [str(a.pk)]
    assert [side["temperature"] for side in changes["profiles"][str(a.pk)]] == [0.7, 0.1]


@pytest.mark.django_db
def test_a_new_or_deleted_profile_is_all_a_version_stores_at_5_and_at_200_profiles():
    """The order is the profiles' positions: adding one at the end or deleting the last one
    records that profile alone, never the list of every id."""
    sizes = []
    for total in (5, 200):
        seed(total - 1 - LlmProfile.objects.count())
        make_profile(f"warm-up {total}")  # records the seeded profiles (and the settings)
        services.create_profile(name=f"new {total}", provider="open_ai", model="gpt-4o")
        created = Version.objects.get(number=newest()).snapshot
        added = LlmProfile.objects.get(name=f"new {total}")
        assert list(created) == ["profiles"] and list(created["profiles"]) == [str(added.pk)]
        services.delete_profile(added.pk)
        deleted = Version.objects.get(number=newest()).snapshot
        assert deleted["profiles"][str(added.pk)][1] is None
        sizes.append((stored_bytes(newest() - 1), stored_bytes(newest())))
    # The same but for the digits of the position (4 vs 199) and the name.
    (created_5, deleted_5), (created_200, deleted_200) = sizes
    assert created_200 - created_5 <= 4 and deleted_200 - deleted_5 <= 4
    assert max(created_200, deleted_200) < 400


@pytest.mark.django_db
def test_recording_runs_the_same_queries_at_5_and_at_200_profiles(
    two_openai_profiles, django_assert_max_num_queries
):
    a, b = two_openai_profiles
    counts = []
    for total in (5, 200):
        seed(total - LlmProfile.objects.count())
        services.activate_profile(a.pk)  # records the seeded profiles
        LlmProfile.objects.switch_active(b.pk)
        with django_assert_max_num_queries(6), CaptureQueriesContext(connection) as queries:
            record_version("activated 'B'")
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db(transaction=True)
def test_rollback_over_many_deltas_restores_every_section(config_path):
    configfile.write_atomic(config_path, configfile.serialize(configfile.stock_document()))
    export(force=True)
    make_credential("open_ai", api_key=KEY_1)
    a = make_profile("A", provider="open_ai", model="gpt-4o", temperature=0.3)
    b = make_profile("B", provider="ollama", model="llama3")
    services.activate_profile(a.pk)
    triplo_settings_service.update({"color_scheme": "dark", "license_key": LICENSE})
    target, expected = newest(), live()
    services.reorder_profiles([str(b.pk), str(a.pk)])
    services.update_profile(a.pk, name="A2", temperature=0.9)
    make_credential("ollama", url="http://127.0.0.1:11434")
    services.activate_profile(b.pk)
    make_credential("open_ai", api_key=KEY_2)
    make_credential("anthropic", api_key="sk-ant-abcdefghijklmnopqrstuv")
    make_profile("C", provider="ollama", model="llama3")
    triplo_settings_service.update({"color_scheme": "light", "license_key": ""})
    assert newest() - target >= 3 and live() != expected

    version = history.rollback(target)

    assert live() == expected
    assert state_of(version) == expected
    assert state_of(Version.objects.get(number=target)) == expected
    settings = json.loads(config_path.read_text())["settings"]
    assert (settings["color_scheme"], settings["license_key"]) == ("dark", LICENSE)
    assert history.diff_versions(target, version.number)["profiles"]["changed"] == []


@pytest.mark.django_db
def test_every_kept_version_is_rebuilt_as_it_was_after_pruning(settings):
    settings.TRIPLO_HISTORY_KEEP = 4
    seen = {}
    make_credential("open_ai", api_key=KEY_1)
    a = make_profile("A", provider="open_ai", model="gpt-4o")
    b = make_profile("B")
    for change in (
        lambda: services.activate_profile(a.pk),
        lambda: services.update_profile(b.pk, name="B2", model="llama3.1"),
        lambda: make_credential("open_ai", api_key=KEY_2),
        lambda: services.reorder_profiles([str(b.pk), str(a.pk)]),
        lambda: services.delete_profile(b.pk),
        lambda: make_profile("C"),
    ):
        change()
        seen[newest()] = live()
    kept = list(history.versions().values_list("number", flat=True))
    assert kept == [9, 8, 7, 6]
    for number in kept:
        assert state_of(Version.objects.get(number=number)) == seen[number]
    assert seen[6][1] != seen[5][1]  # the kept secrets are the new key, not the old one
    diff = history.diff_versions(6, 9)
    assert [p["name"] for p in diff["profiles"]["removed"]] == ["B2"]
    assert [p["name"] for p in diff["profiles"]["added"]] == ["C"]


@pytest.mark.django_db(transaction=True)
def test_settings_changed_outside_are_recorded_against_the_head(config_path):
    configfile.write_atomic(config_path, configfile.serialize(configfile.stock_document()))
    export(force=True)
    make_profile("A")
    before = newest()
    document = configfile.read_document()
    document["settings"]["color_scheme"] = "dark"  # Triplo's own settings screen
    configfile.write_atomic(config_path, configfile.serialize(document))
    make_profile("B")
    changes = Version.objects.get(number=newest()).snapshot
    assert changes["triplo_settings"][0]["color_scheme"] == "auto"
    assert changes["triplo_settings"][1]["color_scheme"] == "dark"
    assert state_of(Version.objects.get(number=before))[0]["triplo_settings"]["color_scheme"] == (
        "auto"
    )


@pytest.mark.django_db
def test_each_kept_profile_column_is_compared_in_the_database():
    a = make_profile("A")
    b = make_profile("B")
    for column, value in (
        ("options", {"num_ctx": 4096}),
        ("presence_penalty", 0.5),
        ("model", "llama3.1"),
        ("position", 99),
    ):
        LlmProfile.objects.filter(pk=a.pk).update(**{column: value})  # behind the services
        services.update_profile(b.pk, name=f"B {column}")
        changes = Version.objects.get(number=newest()).snapshot["profiles"]
        assert changes[str(a.pk)][1][column] == value, column
        assert changes[str(b.pk)][1]["name"] == f"B {column}"
