"""Activations at the same moment queue up instead of colliding on the one-active constraint."""

import threading

import pytest
from django.db import connection

from profiles import credential_services, services
from profiles.models import LlmProfile

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="SQLite queues writers itself (IMMEDIATE); tests/core/test_load.py covers it there",
    ),
]


def test_simultaneous_activations_leave_exactly_one_active():
    credential_services.set_credential("open_ai", api_key="sk-concurrent-000000")
    ids = [
        services.create_profile(name=f"p{i}", provider="open_ai", model="m").pk for i in range(8)
    ]
    start = threading.Barrier(len(ids))
    errors: list[BaseException] = []

    def activate(profile_id) -> None:
        try:
            start.wait()
            for _ in range(5):
                services.activate_profile(profile_id)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=activate, args=(pk,)) for pk in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert LlmProfile.objects.filter(is_active=True).count() == 1
