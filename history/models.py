"""Versions of the exported LLM configuration, one per recorded change, and the recorded head.

A version stores what its change did (a delta with both sides), not the whole state: the
state of the newest version lives once, in `RecordedState` and `RecordedProfile` (the head,
history.head), brought up to date on every change. Any older state is the head with the
newer deltas undone (history.states). Versions recorded
before deltas existed keep their whole state (kind "full") and stand on their own.
"""

from django.db import models

from core.context import FACES
from credentials import providers
from credentials.models import SecretField

FULL, DELTA = "full", "delta"


class VersionQuerySet(models.QuerySet):
    def without_secrets(self) -> "VersionQuerySet":
        """Lists never decrypt (and keep working after the key was lost)."""
        return self.defer("secrets")


class Version(models.Model):
    number = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    actor = models.CharField(max_length=150)
    face = models.CharField(max_length=16, choices=[(f, f) for f in FACES])
    summary = models.CharField(max_length=500)
    # "full": the whole state (secrets as hints); "delta": {section: [before, after]} of what
    # changed (history.delta). Both are safe to show: secrets are never in this column.
    kind = models.CharField(max_length=8, choices=[(FULL, FULL), (DELTA, DELTA)], default=DELTA)
    snapshot = models.JSONField()
    # Encrypted like the credentials. "full": JSON {provider: {secret field: value}}; "delta":
    # JSON of the changed secrets with both sides, NULL when no secret changed (an activation).
    secrets = SecretField(blank=True, null=True, default=None)
    # False when the credentials could not be decrypted at record time: no rollback to it.
    secrets_recorded = models.BooleanField(default=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=[FULL, DELTA]), name="version_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"version {self.number}: {self.summary}"


class RecordedState(models.Model):
    """The state as of the newest version, in history.snapshot's recorded form, apart from
    the profiles (RecordedProfile): the one place the whole state is kept, so a version's size
    does not grow with the number of profiles."""

    # One row only: the key is always 1 (the constraint says so in the database).
    key = models.PositiveSmallIntegerField(primary_key=True, default=1)
    number = models.PositiveIntegerField()  # the version this is the state of
    # active, credentials (hints), triplo_settings: small whatever the number of profiles.
    rest = models.JSONField()
    # JSON {provider: {secret field: value}, "triplo": {...}}; NULL when never readable.
    secrets = SecretField(blank=True, null=True, default=None)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(key=1), name="recorded_state_single_row"),
        ]

    def __str__(self) -> str:
        return f"state of version {self.number}"


class RecordedProfile(models.Model):
    """The profiles as of the newest version: the columns of profiles.LlmProfile the history
    keeps, so the database itself finds the rows a change touched (history.head) and only
    those are read, compared and rewritten: an activation touches none."""

    id = models.UUIDField(primary_key=True)
    name = models.CharField(max_length=providers.NAME_MAX_LENGTH)
    provider = models.CharField(max_length=32)
    model = models.CharField(max_length=providers.MODEL_MAX_LENGTH)
    temperature = models.FloatField()
    presence_penalty = models.FloatField()
    options = models.JSONField()
    position = models.PositiveIntegerField()
    created_at = models.DateTimeField()  # the profiles' own tie-breaker in their order

    def __str__(self) -> str:
        return self.name
