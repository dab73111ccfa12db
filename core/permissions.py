"""The API asks for the same Django model permissions as the admin does for the same operation.

Staff status alone opens the door (as for the admin); what a user may then read or change is
what the admin would let them: view for GET, add/change/delete for writes. Superusers hold
every permission. A route missing from the table is refused (fail closed), so a new endpoint
cannot be reached until it says what it needs.
"""

from typing import Any

from rest_framework.permissions import IsAdminUser
from rest_framework.request import Request

PROFILE_VIEW, PROFILE_ADD = "profiles.view_llmprofile", "profiles.add_llmprofile"
PROFILE_CHANGE, PROFILE_DELETE = "profiles.change_llmprofile", "profiles.delete_llmprofile"
CREDENTIAL_VIEW = "credentials.view_providercredential"
CREDENTIAL_CHANGE = "credentials.change_providercredential"
CREDENTIAL_DELETE = "credentials.delete_providercredential"
HISTORY_VIEW = "history.view_version"
EVERYTHING_CHANGE = (PROFILE_ADD, PROFILE_CHANGE, CREDENTIAL_CHANGE)

# Route name (triplo_config/api_urls.py) -> HTTP method -> permissions needed.
REQUIRED: dict[str, dict[str, tuple[str, ...]]] = {
    "profiles": {"GET": (PROFILE_VIEW,), "POST": (PROFILE_ADD,)},
    "profile": {
        "GET": (PROFILE_VIEW,),
        "PUT": (PROFILE_CHANGE,),
        "PATCH": (PROFILE_CHANGE,),
        "DELETE": (PROFILE_DELETE,),
    },
    "profile-duplicate": {"POST": (PROFILE_ADD,)},
    "profiles-reorder": {"POST": (PROFILE_CHANGE,)},
    "activate": {"POST": (PROFILE_CHANGE,)},
    "profile-activate": {"POST": (PROFILE_CHANGE,)},
    "credentials": {"GET": (CREDENTIAL_VIEW,)},
    "credential": {
        "GET": (CREDENTIAL_VIEW,),
        "PUT": (CREDENTIAL_CHANGE,),
        "PATCH": (CREDENTIAL_CHANGE,),
        "DELETE": (CREDENTIAL_DELETE,),
    },
    "credential-test": {"POST": (CREDENTIAL_VIEW,)},
    "providers": {"GET": ()},  # the public catalogue
    "models": {"GET": (CREDENTIAL_VIEW,), "POST": (CREDENTIAL_VIEW,)},
    "config": {"GET": (PROFILE_VIEW, CREDENTIAL_VIEW), "PUT": EVERYTHING_CHANGE},
    "status": {"GET": (PROFILE_VIEW,)},
    "settings-ui": {"GET": (), "PUT": (PROFILE_CHANGE,)},
    "restart": {"POST": (PROFILE_CHANGE,)},
    "config-resolve": {"POST": EVERYTHING_CHANGE},
    # Writes the stored state again (no change to it): as much as a restart asks.
    "config-export": {"POST": (PROFILE_CHANGE,)},
    "config-history": {"GET": (HISTORY_VIEW,)},
    "config-version": {"GET": (HISTORY_VIEW,)},
    "config-diff": {"GET": (HISTORY_VIEW,)},
    "config-rollback": {"POST": (HISTORY_VIEW, *EVERYTHING_CHANGE, PROFILE_DELETE)},
    # A sealed export carries every secret: it needs what reading them in the admin needs.
    "llm-export": {"GET": (PROFILE_VIEW, CREDENTIAL_VIEW)},
    "llm-import": {"POST": EVERYTHING_CHANGE},
    # Triplo's own settings live in config.json beside the LLM state: as for /api/config.
    "triplo-settings": {"GET": (PROFILE_VIEW, CREDENTIAL_VIEW), "PATCH": EVERYTHING_CHANGE},
    "triplo-llm-key": {"POST": EVERYTHING_CHANGE},
    # The image's remote-desktop switch: a setting of the installation, as Triplo's are.
    "triplo-platform": {"GET": (PROFILE_VIEW,), "PATCH": EVERYTHING_CHANGE},
    # One's own account: staff status is enough (what the admin's password page asks).
    "account-password": {"POST": ()},
    "account-tokens": {"GET": (), "POST": ()},
    "account-token": {"DELETE": ()},
    "account-sessions": {"POST": ()},
}


def required_permissions(route: str | None, method: str) -> tuple[str, ...] | None:
    """What a request needs; None when the route or method is not in the table."""
    method = "GET" if method in ("HEAD", "OPTIONS") else method
    return REQUIRED.get(route or "", {}).get(method)


class ModelPermissions(IsAdminUser):
    """Staff, and the model permissions REQUIRED names for this route and method."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not super().has_permission(request, view):
            return False
        if not hasattr(view, request.method.lower()):
            return True  # DRF answers 405 Method Not Allowed
        match = request.resolver_match
        needed = required_permissions(match.url_name if match else None, request.method)
        return needed is not None and request.user.has_perms(needed)
