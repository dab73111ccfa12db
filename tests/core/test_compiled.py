"""Statements compiled once (core.compiled) do exactly what the ORM does."""

import uuid
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.compiled import CompiledQuery, CompiledUpdate
from credentials import providers
from credentials.models import ProviderCredential
from profiles.models import LlmProfile
from tests.support.factories import make_credential, make_profile

pytestmark = pytest.mark.django_db


def same_fields(ours, orm) -> None:
    assert type(ours) is type(orm) and ours is not orm
    assert ours.get_deferred_fields() == orm.get_deferred_fields()
    for field in type(orm)._meta.concrete_fields:
        if field.attname not in orm.get_deferred_fields():
            assert getattr(ours, field.attname) == getattr(orm, field.attname), field.name


def test_the_active_profile_converts_every_field_as_the_orm_does(django_assert_num_queries):
    assert LlmProfile.objects.active() is None
    make_credential("ollama", url="http://ollama:11434")
    make_profile("First")
    make_profile("Second", temperature=0.25, options={"max_tokens": 512}, active=True)
    with django_assert_num_queries(1):
        active = LlmProfile.objects.active()
    same_fields(active, LlmProfile.objects.filter(is_active=True).first())  # UUID, JSON, times


def test_stored_credentials_decrypt_or_stay_deferred_as_the_orm_does():
    make_credential("open_ai", api_key="sk-" + "a" * 40)
    make_credential("ollama", url="http://ollama:11434")
    for ours, orm in zip(ProviderCredential.objects.stored(), ProviderCredential.objects.all(),
                         strict=True):  # fmt: skip
        same_fields(ours, orm)
    hints = ProviderCredential.objects.stored(secrets=False)
    for ours, orm in zip(hints, ProviderCredential.objects.without_secrets(), strict=True):
        same_fields(ours, orm)
    assert hints[0].get_deferred_fields() == set(providers.SECRET_FIELDS)


def test_a_profile_by_its_uuid_is_the_orms_and_each_call_asks_for_its_own(
    django_assert_num_queries,
):
    first, second = make_profile("First"), make_profile("Second", options={"max_tokens": 256})
    with django_assert_num_queries(1):
        found = LlmProfile.objects.by_id(second.pk)
    same_fields(found, LlmProfile.objects.get(pk=second.pk))
    assert LlmProfile.objects.by_id(first.pk).name == "First"
    assert LlmProfile.objects.by_id(uuid.uuid4()) is None
    assert LlmProfile.objects.by_id(str(first.pk)).name == "First"  # text, on any database


def test_each_call_runs_with_its_own_values():
    make_credential("open_ai", api_key="sk-" + "a" * 40)
    assert ProviderCredential.objects.missing_fields("open_ai") == []
    assert ProviderCredential.objects.missing_fields("anthropic") == ["api_key"]  # none stored
    assert ProviderCredential.objects.missing_fields("open_ai") == []


@pytest.mark.parametrize(
    "build",
    [
        lambda: LlmProfile.objects.values("id"),
        lambda: LlmProfile.objects.annotate(n=Count("id")),
        lambda: LlmProfile.objects.prefetch_related("nothing"),
    ],
    ids=["values", "annotation", "prefetch"],
)
def test_anything_but_a_plain_select_of_one_model_is_refused(build):
    with pytest.raises(ImproperlyConfigured, match="not a plain SELECT"):
        CompiledQuery(build).all()


def test_a_sample_that_is_not_one_parameter_is_refused():
    twice = CompiledQuery(lambda n: LlmProfile.objects.filter(name=n, model=n), "\0n")
    with pytest.raises(ImproperlyConfigured, match="is not one parameter"):
        twice.all("x")


def test_rows_come_as_the_database_gives_them():
    make_credential("ollama", url="http://ollama:11434")
    make_profile("Only", active=True)
    names = CompiledQuery(lambda: LlmProfile.objects.values_list("name", "is_active"))
    assert names.rows() == [("Only", 1)]  # no converters (SQLite gives 1 for True)
    with pytest.raises(ImproperlyConfigured, match="not a plain SELECT"):
        names.all()


SAMPLE_ID = uuid.UUID(int=0x5A_3E)
SAMPLE_TIME = datetime(2001, 2, 3, 4, 5, 6, 7891, tzinfo=UTC)
ACTIVATE = CompiledUpdate(
    lambda now, pk: (LlmProfile.objects.filter(pk=pk), {"is_active": True, "updated_at": now}),
    SAMPLE_TIME,
    SAMPLE_ID,
)


def test_an_update_sends_what_the_orms_update_sends_and_counts_the_rows():
    profile = make_profile("First")
    now = timezone.now()
    with CaptureQueriesContext(connection) as ours:
        assert ACTIVATE.run(now, profile.pk) == 1
    LlmProfile.objects.filter(pk=profile.pk).update(is_active=False)
    with CaptureQueriesContext(connection) as orm:
        LlmProfile.objects.filter(pk=profile.pk).update(is_active=True, updated_at=now)
    assert [q["sql"] for q in ours.captured_queries] == [q["sql"] for q in orm.captured_queries]
    profile.refresh_from_db()
    assert profile.is_active and profile.updated_at == now  # the date-time, as the ORM stores it
    assert ACTIVATE.run(now, uuid.uuid4()) == 0


def test_switching_the_active_profile_is_two_statements_leaving_one_active(
    django_assert_num_queries,
):
    make_credential("ollama", url="http://ollama:11434")
    first, second = make_profile("First", active=True), make_profile("Second")
    with django_assert_num_queries(2):
        when = LlmProfile.objects.switch_active(str(second.pk))
    assert list(LlmProfile.objects.filter(is_active=True)) == [second]
    second.refresh_from_db()
    assert second.updated_at == when
    first.refresh_from_db()
    assert not first.is_active


def test_an_update_the_database_refuses_fails_the_transaction():
    make_profile("First")
    make_profile("Second")
    every = CompiledUpdate(lambda: (LlmProfile.objects.all(), {"is_active": True}))
    with pytest.raises(IntegrityError), transaction.atomic():  # one_active_profile
        every.run()
    assert not LlmProfile.objects.filter(is_active=True).exists()


@pytest.mark.parametrize(
    "build",
    [
        lambda: LlmProfile.objects.order_by("name"),
        lambda: LlmProfile.objects.order_by()[:1],
        lambda: LlmProfile.objects.filter(name="a").union(LlmProfile.objects.filter(name="b")),
    ],
    ids=["ordered", "sliced", "union"],
)
def test_anything_but_an_update_of_one_table_is_refused(build):
    make_profile("First")
    update = CompiledUpdate(lambda: (build(), {"model": "changed"}))
    with pytest.raises(ImproperlyConfigured, match="not an UPDATE of one table"):
        update.run()
    assert not LlmProfile.objects.filter(model="changed").exists()


@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime")
def test_a_naive_date_time_is_stored_as_the_orm_stores_it(settings):
    settings.TIME_ZONE = "Europe/Paris"
    profile = make_profile("First")
    naive = datetime(2026, 7, 1, 12, 0)
    ACTIVATE.run(naive, profile.pk)
    ours = LlmProfile.objects.get(pk=profile.pk).updated_at
    LlmProfile.objects.filter(pk=profile.pk).update(updated_at=naive)
    assert (
        ours
        == LlmProfile.objects.get(pk=profile.pk).updated_at
        == datetime(2026, 7, 1, 10, 0, tzinfo=UTC)
    )
