"""/api/restart, /api/config/resolve and /api/config/export: thin callers of the services."""

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_docs import DETAIL, extend_schema
from core.errors import Conflict
from triplo import drift, runtime
from triplo.api_views import EXPORT_OUTCOME
from triplo.export import export_now


class RestartView(APIView):
    """Restart Triplo now (after the debounce); the outcome shows in /api/status."""

    @extend_schema(
        request=None,
        responses={
            202: DETAIL,
            409: OpenApiResponse(DETAIL, description="restarts are disabled"),
            503: OpenApiResponse(DETAIL, description="the data dir cannot be written"),
        },
        summary="Restart Triplo (debounced; never waits for it)",
    )
    def post(self, request: Request) -> Response:
        try:
            runtime.request_restart()
        except runtime.RestartsDisabled as exc:
            raise Conflict(str(exc)) from None
        except OSError as exc:  # the data dir cannot be written
            detail = f"could not request a restart: {exc.strerror or exc}"
            return Response({"detail": detail}, status=status.HTTP_503_SERVICE_UNAVAILABLE)
        return Response({"detail": "restart requested"}, status=status.HTTP_202_ACCEPTED)


class ResolveDriftView(APIView):
    """{"keep": "database"} re-exports; {"keep": "file"} imports the file's LLM fields."""

    @extend_schema(
        request=inline_serializer(
            "ResolveDrift", {"keep": serializers.ChoiceField(choices=drift.KEEP_CHOICES)}
        ),
        responses={
            200: inline_serializer(
                "DriftResolved",
                {"config_in_sync": serializers.BooleanField(), "drift": serializers.DictField()},
            ),
            409: OpenApiResponse(DETAIL, description="no config.json or no active profile"),
        },
        summary="Resolve config.json drift: keep the database or keep the file",
    )
    def post(self, request: Request) -> Response:
        keep = request.data.get("keep") if isinstance(request.data, dict) else None
        remaining = drift.resolve(keep)
        return Response({"config_in_sync": not remaining, "drift": remaining})


class ExportView(APIView):
    """Retry writing config.json now, e.g. after the user fixed what made an export fail."""

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer("ExportDone", {"export": EXPORT_OUTCOME}),
            503: OpenApiResponse(
                inline_serializer("ExportFailed", {"export": EXPORT_OUTCOME}),
                description="config.json could not be written; `export.error` says why",
            ),
        },
        summary="Write the stored profiles and credentials into config.json now (a retry)",
    )
    def post(self, request: Request) -> Response:
        outcome = export_now()
        code = status.HTTP_200_OK if outcome["ok"] else status.HTTP_503_SERVICE_UNAVAILABLE
        return Response({"export": outcome}, status=code)
