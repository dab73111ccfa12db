"""Queries compiled once (core.compiled) answer exactly what the ORM answers."""

import uuid

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Count

from core.compiled import CompiledQuery
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
