"""Receivers that only schedule the export: after every recorded change, and after saves made
outside the services too (the shell, a data migration), so config.json follows the database."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from core.changes import config_changed
from credentials.models import ProviderCredential
from profiles.models import LlmProfile
from triplo.export import schedule_export


@receiver(config_changed, dispatch_uid="triplo.export_after_change")
def export_after_change(exported: bool, **_: object) -> None:
    if exported:
        schedule_export()


@receiver([post_save, post_delete], sender=LlmProfile)
@receiver([post_save, post_delete], sender=ProviderCredential)
def export_after_commit(**_: object) -> None:
    schedule_export()
