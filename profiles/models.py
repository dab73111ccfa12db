"""LLM profiles: named presets of provider + model + tuning, one of them active."""

import uuid
from datetime import UTC, datetime
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from core.compiled import CompiledQuery, CompiledUpdate
from credentials import providers


def _range_constraints() -> list[models.CheckConstraint]:
    """Per-provider parameter ranges from the catalogue, enforced by the database too."""
    constraints = []
    for p in providers.PROVIDERS.values():
        not_this = ~Q(provider=p.id)
        constraints += [
            models.CheckConstraint(
                condition=not_this
                | Q(temperature__gte=p.temperature.minimum, temperature__lte=p.temperature.maximum),
                name=f"profile_{p.id}_temperature_range",
            ),
            models.CheckConstraint(
                condition=not_this
                | Q(
                    presence_penalty__gte=p.presence_penalty.minimum,
                    presence_penalty__lte=p.presence_penalty.maximum,
                ),
                name=f"profile_{p.id}_presence_penalty_range",
            ),
        ]
    return constraints


class LlmProfileQuerySet(models.QuerySet):
    def ordered(self) -> "LlmProfileQuerySet":
        return self.order_by("position", "created_at", "id")


class LlmProfileManager(models.Manager.from_queryset(LlmProfileQuerySet)):
    def switch_active(self, profile_id: uuid.UUID | str) -> datetime:
        """Make exactly this profile the active one; returns the time it became active.

        Call it under the state lock (core.changes.state_change), so two switches at once
        queue up instead of colliding on the one-active constraint. Compiled once
        (core.compiled), as every activation runs it; on the manager, where no filter could
        be lost.
        """
        profile_id = uuid.UUID(str(profile_id))
        now = timezone.now()
        _DEACTIVATE_OTHERS.run(profile_id)
        _ACTIVATE.run(now, profile_id)
        return now

    def active(self) -> "LlmProfile | None":
        """The active profile, asked by every status poll and page: compiled once
        (core.compiled). On the manager only, where no filter could be lost."""
        return _ACTIVE_PROFILE.first()

    def active_id(self) -> uuid.UUID | None:
        return profile.id if (profile := self.active()) else None

    def by_id(self, profile_id: uuid.UUID | str) -> "LlmProfile | None":
        """The profile with this id, for every request that names one (an activation among
        them): compiled once, where compiling the ORM's get() cost ~0.5 ms a request.
        ValueError for text that is no UUID (converted here, as UUIDField converts it)."""
        return _BY_ID.first(uuid.UUID(str(profile_id)))


class LlmProfile(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=providers.NAME_MAX_LENGTH)
    # The name case-folded ("Straße" and "STRASSE" are one name), kept by save(): finding a
    # profile by name is one indexed lookup, and the database refuses a second of a name.
    name_key = models.CharField(max_length=providers.NAME_MAX_LENGTH * 3, editable=False)
    provider = models.CharField(max_length=32, choices=providers.PROVIDER_CHOICES)
    model = models.CharField(max_length=providers.MODEL_MAX_LENGTH)
    temperature = models.FloatField(default=providers.DEFAULT_TEMPERATURE)
    presence_penalty = models.FloatField(default=providers.DEFAULT_PRESENCE_PENALTY)
    options = models.JSONField(blank=True, default=dict)
    position = models.PositiveIntegerField(default=0, db_index=True)
    is_active = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LlmProfileManager()

    class Meta:
        ordering = ["position", "created_at", "id"]
        # Every list and export reads the profiles in this order: with the index, SQLite walks
        # it instead of sorting (at 1,000 profiles a quarter of an export's read of them).
        indexes = [models.Index(fields=["position", "created_at", "id"], name="profile_order")]
        verbose_name = "LLM profile"
        constraints = [
            models.UniqueConstraint(fields=["name_key"], name="profile_name_key_unique"),
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_active_profile"
            ),
            models.CheckConstraint(
                condition=Q(provider__in=list(providers.PROVIDERS)),
                name="profile_provider_in_catalogue",
            ),
            models.CheckConstraint(condition=~Q(name=""), name="profile_name_not_empty"),
            models.CheckConstraint(condition=~Q(model=""), name="profile_model_not_empty"),
            *_range_constraints(),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_key = self.key_of(self.name)
        if (fields := kwargs.get("update_fields")) is not None and "name" in fields:
            kwargs["update_fields"] = {*fields, "name_key"}
        super().save(*args, **kwargs)

    @staticmethod
    def key_of(name: str) -> str:
        return name.strip().casefold()

    @property
    def provider_label(self) -> str:
        return providers.PROVIDERS[self.provider].label


# Asked without an order: at most one profile is active (one_active_profile), and in the
# profiles' order the database walks their index until it meets the active one instead of
# looking it up in that partial index.
_ACTIVE_PROFILE = CompiledQuery(lambda: LlmProfile.objects.filter(is_active=True).order_by()[:1])
_SAMPLE_ID = uuid.UUID(int=0x7E57_1D)
_BY_ID = CompiledQuery(lambda pk: LlmProfile.objects.filter(pk=pk).order_by(), _SAMPLE_ID)
_DEACTIVATE_OTHERS = CompiledUpdate(
    lambda pk: (LlmProfile.objects.filter(is_active=True).exclude(pk=pk), {"is_active": False}),
    _SAMPLE_ID,
)
_ACTIVATE = CompiledUpdate(
    lambda now, pk: (LlmProfile.objects.filter(pk=pk), {"is_active": True, "updated_at": now}),
    datetime(1999, 12, 31, 23, 59, 58, 7357, tzinfo=UTC),
    _SAMPLE_ID,
)


class AppSetting(models.Model):
    """Small stored preferences of the service itself (e.g. multi-provider mode)."""

    key = models.CharField(max_length=64, primary_key=True)
    value = models.JSONField()

    def __str__(self) -> str:
        return self.key
