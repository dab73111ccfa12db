"""REST faces of config.json and of the service's overall status."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_docs import extend_schema
from credentials import services as credential_services
from credentials.models import UNDECRYPTABLE_MESSAGE
from profiles.api import profile_data
from profiles.models import LlmProfile
from triplo import configdoc, configfile, configsnapshot, exportstatus, overwritten, runtime
from triplo import drift as config_drift


def _config_answer() -> Response:
    active = LlmProfile.objects.active()
    return Response(
        {
            **configsnapshot.read().masked_document(),
            "active_profile": profile_data(active) if active else None,
        }
    )


class ConfigView(APIView):
    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        summary="config.json with every secret masked, plus the active profile expanded",
    )
    def get(self, request: Request) -> Response:
        return _config_answer()

    @extend_schema(
        request=inline_serializer(
            "ConfigDocument",
            {"settings": serializers.DictField(help_text="Triplo's settings object")},
        ),
        responses=OpenApiTypes.OBJECT,
        summary="Save the settings this project does not own (LLM fields come from the database)",
        description=(
            "The body is the config.json document. `settings` replaces every setting this "
            "project does not own; other top-level keys sent are updated, none is removed. "
            "A secret sent back masked as GET showed it keeps its stored value. 400 (file "
            "untouched) while the active profile breaks its provider's rules."
        ),
    )
    def put(self, request: Request) -> Response:
        configdoc.save_unowned(request.data)
        return _config_answer()


def status_document() -> dict[str, Any]:
    active = LlmProfile.objects.active()
    readable = credential_services.secrets_readable()
    snapshot, state = configsnapshot.read(), configfile.read_state()
    # Drift compares with an export of the database, which needs the secrets decrypted.
    drift = config_drift.observe(snapshot, state) if readable else {}
    last_export = exportstatus.last()
    return {
        "active_profile": (
            None
            if active is None
            else {
                "id": active.id,
                "name": active.name,
                "provider": active.provider,
                "model": active.model,
            }
        ),
        "profiles": LlmProfile.objects.count(),
        "config_path": str(configfile.config_path()),
        "config_error": snapshot.read_error(),
        "config_exported_at": state.get("exported_at"),
        # A failed export leaves the file behind the database, whatever the fingerprints say.
        "config_in_sync": (not drift and last_export["ok"] is not False) if readable else None,
        "export": last_export,
        "config_drift": drift,
        "last_overwritten_drift": overwritten.last(),
        "triplo": runtime.triplo_status(),
        "credentials": {
            "readable": readable,
            "detail": None if readable else UNDECRYPTABLE_MESSAGE,
        },
    }


EXPORT_OUTCOME = inline_serializer(
    "ExportOutcome",
    {
        "ok": serializers.BooleanField(
            allow_null=True, help_text="null until an export to config.json has run"
        ),
        "error": serializers.CharField(allow_null=True, help_text="why the last export failed"),
        "at": serializers.DateTimeField(
            allow_null=True, help_text="when it failed, or since when exports succeed"
        ),
    },
)


@extend_schema(
    responses=inline_serializer(
        "Status",
        {
            "active_profile": inline_serializer(
                "ActiveProfileSummary",
                {
                    "id": serializers.UUIDField(),
                    "name": serializers.CharField(),
                    "provider": serializers.CharField(),
                    "model": serializers.CharField(),
                },
                allow_null=True,
            ),
            "profiles": serializers.IntegerField(),
            "config_path": serializers.CharField(),
            "config_error": serializers.CharField(
                allow_null=True,
                help_text="Why config.json cannot be read (nothing writes it until it can)",
            ),
            "config_exported_at": serializers.DateTimeField(allow_null=True),
            "config_in_sync": serializers.BooleanField(allow_null=True),
            "config_drift": serializers.DictField(),
            "export": EXPORT_OUTCOME,
            "last_overwritten_drift": serializers.DictField(allow_null=True),
            "triplo": inline_serializer(
                "TriploProcess",
                {
                    "running": serializers.BooleanField(
                        allow_null=True, help_text="TRIPLO_STATUS_COMMAND's answer; null: unknown"
                    ),
                    "checked_at": serializers.DateTimeField(
                        allow_null=True,
                        help_text="when that answer was checked (it is renewed in the background)",
                    ),
                    "last_restart": serializers.DictField(allow_null=True),
                },
            ),
            "credentials": inline_serializer(
                "CredentialsState",
                {
                    "readable": serializers.BooleanField(),
                    "detail": serializers.CharField(allow_null=True),
                },
            ),
        },
    ),
    summary="Active profile, config.json state and Triplo's process state",
)
class StatusView(APIView):
    def get(self, request: Request) -> Response:
        return Response(status_document())
