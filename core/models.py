"""The one row every change to the exported state bumps."""

from django.db import models
from django.db.models import Q


class ConfigRevision(models.Model):
    """A counter bumped by every change to the exported state.

    The export writes it beside config.json, so a slow writer can tell it holds an older state
    than the one already on disk and must not overwrite it. The table keeps the name it had in
    profiles, so databases made before the move keep their row.
    """

    revision = models.PositiveBigIntegerField(default=0)

    class Meta:
        db_table = "profiles_configrevision"
        constraints = [models.CheckConstraint(condition=Q(id=1), name="single_revision_row")]

    def __str__(self) -> str:
        return f"revision {self.revision}"

    @classmethod
    def lock(cls) -> "ConfigRevision":
        """The single row, locked until the current transaction ends: changes queue on it."""
        return cls.objects.select_for_update().get_or_create(id=1)[0]
