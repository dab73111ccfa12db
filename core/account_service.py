"""The signed-in user's own account (the Access tab): password, API tokens, other sessions.

API tokens are django-rest-knox's: stored as a digest, so the token itself exists only in the
answer that creates it. knox keeps no name for a token; a token is told apart by its first
characters (`token_key`, which knox keeps in clear for that) and its creation date.
"""

from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone
from knox.models import AuthToken

from core.errors import NotFound


def change_password(user: AbstractBaseUser, current: Any, new: Any) -> None:
    """Django's password validators decide; the current password must be given first."""
    if not isinstance(current, str) or not user.check_password(current):
        raise ValidationError({"current_password": ["The current password is not correct."]})
    if not isinstance(new, str) or not new:
        raise ValidationError({"new_password": ["Type a new password."]})
    try:
        password_validation.validate_password(new, user)
    except ValidationError as exc:
        raise ValidationError({"new_password": exc.messages}) from None
    user.set_password(new)
    user.save(update_fields=["password"])


def token_document(token: AuthToken) -> dict[str, Any]:
    return {"id": token.token_key, "created": token.created.isoformat(), "expiry": token.expiry}


def tokens(user: AbstractBaseUser) -> list[dict[str, Any]]:
    return [token_document(t) for t in AuthToken.objects.filter(user=user).order_by("-created")]


def create_token(user: AbstractBaseUser) -> dict[str, Any]:
    """The new token, in clear, this once."""
    instance, token = AuthToken.objects.create(user=user)
    return {**token_document(instance), "token": token}


def revoke_token(user: AbstractBaseUser, token_id: str) -> None:
    deleted, _ = AuthToken.objects.filter(user=user, token_key=token_id).delete()
    if not deleted:
        raise NotFound(f"no API token {token_id[:20]!r} of yours")


def sign_out_other_sessions(user: AbstractBaseUser, current_key: str | None) -> int:
    """Ends every other browser session of this user (database sessions); returns how many."""
    ended = 0
    others = Session.objects.filter(expire_date__gt=timezone.now()).exclude(
        session_key=current_key or ""
    )
    for session in others.iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended
