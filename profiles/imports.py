"""Importing profiles and credentials from a config.json document or a profiles bundle.

Applying a plan runs in one transaction; a dry run applies it too and rolls back, so what it
reports is exactly what a real run would do.
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core.changes import record_change, state_change
from core.errors import one_line
from credentials import providers
from credentials.models import ProviderCredential
from credentials.services import apply_credential_fields, clean_credential_fields
from profiles.document import PROFILE_FIELDS, ImportPlan, ProfileSpec
from profiles.models import LlmProfile
from profiles.services import (
    activation_errors,
    clean_profile_fields,
    next_position,
    profile_named,
)


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    credentials_changed: list[str] = field(default_factory=list)
    active: str | None = None
    # Whether the import makes `active` the active profile, and which one was active before.
    switched: bool = False
    active_before: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.added or self.changed or self.credentials_changed or self.switched)

    def _active_line(self) -> list[str]:
        if not self.active:
            return []
        if not self.switched:
            return [f"active profile: {self.active!r} (already active)"]
        before = repr(self.active_before) if self.active_before else "none"
        return [f"switch the active profile: {before} -> {self.active!r}"]

    def summary(self) -> str:
        """The version's one line; an import that only switches the profile says just that."""
        switch = f"switched the active profile to {self.active!r}" if self.switched else ""
        if not (self.added or self.changed or self.credentials_changed):
            return f"import {switch}"
        counts = f"imported {len(self.added)} new, {len(self.changed)} changed profiles"
        return f"{counts}; {switch}" if switch else counts

    def lines(self) -> list[str]:
        return [
            *(f"add profile {name!r}" for name in self.added),
            *(f"update profile {name!r}" for name in self.changed),
            *(f"keep profile {name!r} (unchanged)" for name in self.unchanged),
            *(f"store {provider} credential" for provider in self.credentials_changed),
            *self._active_line(),
            *(f"note: {note}" for note in self.notes),
        ]


def _apply_profile(spec: ProfileSpec, legacy: bool, report: ImportReport) -> LlmProfile:
    """Create or update one profile; a legacy import never touches an existing one."""
    existing = LlmProfile.objects.filter(pk=spec.id).first()
    if legacy and existing is None:
        existing = profile_named(spec.name)
        if existing is not None:
            report.unchanged.append(existing.name)
            return existing
    wanted = {name: getattr(spec, name) for name in PROFILE_FIELDS}
    try:
        values = clean_profile_fields(wanted, exclude_id=spec.id)
    except ValidationError as exc:
        raise ValidationError(f"profile {spec.name!r}: {one_line(exc)}") from None
    if existing is None:
        profile = LlmProfile.objects.create(id=spec.id, position=next_position(), **values)
        report.added.append(profile.name)
        return profile
    if all(getattr(existing, name) == value for name, value in values.items()):
        report.unchanged.append(existing.name)
        return existing
    for name, value in values.items():
        setattr(existing, name, value)
    existing.save()
    report.changed.append(existing.name)
    return existing


def _apply_credential(provider_id: str, wanted: dict[str, Any], report: ImportReport) -> None:
    try:
        wanted = clean_credential_fields(providers.PROVIDERS[provider_id], wanted)
    except ValidationError as exc:
        raise ValidationError(f"{provider_id} credential: {one_line(exc)}") from None
    credential, _ = ProviderCredential.objects.get_or_create(provider=provider_id)
    if apply_credential_fields(credential, wanted):
        credential.save()
        report.credentials_changed.append(provider_id)


@state_change
def apply_plan(plan: ImportPlan, *, dry_run: bool = False) -> ImportReport:
    """Store what the plan describes; ValidationError (one line) when it cannot be stored."""
    report = ImportReport(notes=list(plan.notes))
    by_spec = {spec.id: _apply_profile(spec, plan.legacy, report) for spec in plan.profiles}
    for provider_id, wanted in plan.credentials.items():
        _apply_credential(provider_id, wanted, report)
    active = by_spec.get(plan.active_id)
    if active is not None and (errors := activation_errors(active)):
        # Imported, but Triplo is not switched to a profile it could not use.
        reason = one_line(ValidationError(errors))
        report.notes.append(f"{active.name!r} was not made active: {reason}")
    elif active is not None:
        report.active = active.name
        if not active.is_active:
            before = LlmProfile.objects.active()
            report.switched, report.active_before = True, before.name if before else None
            LlmProfile.objects.switch_active(active.pk)
    if report.changes_anything:
        record_change(report.summary())
    if dry_run:
        transaction.set_rollback(True)
    return report
