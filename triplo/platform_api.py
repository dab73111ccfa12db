"""GET/PATCH /api/triplo/platform: the drop-in image's remote-desktop (noVNC) switch."""

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_docs import DETAIL, extend_schema
from triplo import platform_settings as service

PLATFORM = inline_serializer(
    "PlatformSettings",
    {
        "available": serializers.BooleanField(
            help_text="whether platform-settings.json is beside config.json (the Triplo image)"
        ),
        "novnc_enabled": serializers.BooleanField(
            allow_null=True, help_text="what the next container start does; null if unavailable"
        ),
        "takes_effect": serializers.CharField(help_text="when a change applies"),
    },
)
PATCH = inline_serializer("PlatformSettingsPatch", {"novnc_enabled": serializers.BooleanField()})


class PlatformSettingsView(APIView):
    @extend_schema(responses=PLATFORM, summary="The remote-desktop (noVNC) switch of the image")
    def get(self, request: Request) -> Response:
        return Response(service.answer())

    @extend_schema(
        request=PATCH,
        responses={
            200: PLATFORM,
            409: OpenApiResponse(DETAIL, description="not the Triplo container image"),
        },
        summary="Switch the remote desktop (noVNC) on or off from the next container start",
        description="Refused (409) when there is no platform-settings.json beside config.json. "
        "The change is recorded in the history; nothing restarts.",
    )
    def patch(self, request: Request) -> Response:
        return Response(service.update(request.data))
