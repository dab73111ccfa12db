"""Helpers that let admin forms report service errors as form errors.

The admin has no validation path of its own: a form runs the very service call it will make on
save inside a savepoint that is always rolled back, and shows what that call refused.
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from core.errors import Conflict, NotFound, validation_messages


class _DryRun(Exception):
    """Raised to roll back a successful trial call."""


def add_service_errors(form: forms.Form, error: Exception) -> None:
    """Put a service error next to the field it names, or at the top of the form."""
    if not isinstance(error, ValidationError):
        form.add_error(None, str(error))
        return
    for field, messages in validation_messages(error).items():
        if field in form.fields:
            form.add_error(field, messages)
        elif field == "non_field_errors":
            form.add_error(None, messages)
        else:
            form.add_error(None, [f"{field}: {message}" for message in messages])


def try_service(form: forms.Form, call: Callable[[], Any]) -> bool:
    """Run `call` and undo it; report its refusal on `form`. True when it would succeed."""
    try:
        with transaction.atomic():
            call()
            raise _DryRun
    except _DryRun:
        return True
    except (ValidationError, NotFound, Conflict) as exc:
        add_service_errors(form, exc)
        return False


class ServiceForm(forms.ModelForm):
    """A ModelForm validated by the service call it makes on save: `clean` tries that call and
    undoes it, so the admin shows exactly what the API would refuse, next to the field."""

    def save_through_services(self) -> Any:
        raise NotImplementedError

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            try_service(self, self.save_through_services)
        return cleaned

    def _post_clean(self) -> None:
        """The services judge and save; the model's own checks would only repeat them (and the
        instance is never saved from the form)."""
