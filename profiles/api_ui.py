"""GET/PUT /api/settings/ui: the page's stored preferences (multi-provider mode)."""

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_docs import extend_schema
from profiles import preferences


class UiSettingsSerializer(serializers.Serializer):
    multi_provider_mode = serializers.BooleanField(
        help_text="Show every profile (on) or only the active profile's editor (off)."
    )


def _current() -> Response:
    return Response({"multi_provider_mode": preferences.multi_provider_mode()})


class UiSettingsView(APIView):
    @extend_schema(responses=UiSettingsSerializer)
    def get(self, request: Request) -> Response:
        return _current()

    @extend_schema(request=UiSettingsSerializer, responses=UiSettingsSerializer)
    def put(self, request: Request) -> Response:
        body = UiSettingsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        preferences.set_multi_provider_mode(body.validated_data["multi_provider_mode"])
        return _current()
