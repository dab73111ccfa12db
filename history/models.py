"""Versions of the exported LLM configuration, one per recorded change."""

from django.db import models

from core.context import FACES
from credentials.models import SecretField


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
    # Profiles and credentials without their secrets (hints only): safe to show.
    snapshot = models.JSONField()
    # JSON {provider: {secret field: value}}, encrypted like the credentials themselves.
    secrets = SecretField(blank=True, default="")
    # False when the credentials could not be decrypted at record time: no rollback to it.
    secrets_recorded = models.BooleanField(default=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"version {self.number}: {self.summary}"
