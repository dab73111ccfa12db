"""Receivers that only schedule the export, so changes made outside services export too."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from credentials.models import ProviderCredential
from profiles.models import LlmProfile
from triplo.export import schedule_export


@receiver([post_save, post_delete], sender=LlmProfile)
@receiver([post_save, post_delete], sender=ProviderCredential)
def export_after_commit(**_: object) -> None:
    schedule_export()
