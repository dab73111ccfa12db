"""The first user: from WEBUI_USERNAME / WEBUI_PASSWORD, as the old container's web UI had it.

Checked before anything is imported (a weak password stops the start early) and created once
no user exists; a password generated here is returned so the caller can show it once.
"""

import secrets
from collections.abc import Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError


def webui_credentials(environ: Mapping[str, str]) -> tuple[str, str]:
    """The first user's name and password as the environment gives them ("" = generate)."""
    return environ.get("WEBUI_USERNAME", "").strip() or "admin", environ.get("WEBUI_PASSWORD", "")


def check_webui_password(environ: Mapping[str, str]) -> None:
    """ValidationError naming WEBUI_PASSWORD when the first user would get a weak password:
    the same validators as every other way a password is set (AUTH_PASSWORD_VALIDATORS)."""
    username, given = webui_credentials(environ)
    if not given or get_user_model().objects.exists():
        return
    try:
        validate_password(given, get_user_model()(username=username))
    except ValidationError as exc:
        raise ValidationError(
            {"WEBUI_PASSWORD": [f"WEBUI_PASSWORD is too weak: {' '.join(exc.messages)}"]}
        ) from None


def ensure_first_user(environ: Mapping[str, str]) -> tuple[str, str | None] | None:
    """Create the superuser when there is no user: (name, the generated password or None when
    the environment gave one); None when a user exists already."""
    user_model = get_user_model()
    if user_model.objects.exists():
        return None
    username, given = webui_credentials(environ)
    password = given or secrets.token_urlsafe(12)
    user_model.objects.create_superuser(username=username, email="", password=password)
    return username, None if given else password


def webui_user(environ: Mapping[str, str]) -> tuple[str, str, Any] | None:
    """(name, password, user) of the user the environment names, when it gives a password and
    that user exists: what gunicorn's master checks once at start (core.auth)."""
    username, given = webui_credentials(environ)
    if not given:
        return None
    user = get_user_model()._default_manager.filter(username=username).first()
    return None if user is None else (username, given, user)
