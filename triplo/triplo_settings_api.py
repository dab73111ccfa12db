"""GET/PATCH /api/triplo/settings: Triplo's own settings, by the catalogue's tabs."""

from drf_spectacular.types import OpenApiTypes
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_docs import extend_schema
from triplo import triplo_settings_service as service


class TriploSettingsView(APIView):
    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        summary="Triplo's settings: the catalogue (groups, fields, types, choices, ranges, "
        "help) and config.json's values, secrets masked",
    )
    def get(self, request: Request) -> Response:
        return Response(service.answer())

    @extend_schema(
        request=OpenApiTypes.OBJECT,
        responses=OpenApiTypes.OBJECT,
        summary="Change some of Triplo's settings: {key: value, …}",
        description=(
            "Every key is checked against the catalogue (400 naming the key and the reason; "
            "an unknown key is a 400 too) before anything is written. Only the keys sent are "
            "written to config.json; the change is recorded in the history and Triplo is "
            "restarted. A secret sent back masked as GET showed it is unchanged; nothing "
            "changed records nothing."
        ),
    )
    def patch(self, request: Request) -> Response:
        return Response(service.update(request.data))


class RegenerateLlmKeyView(APIView):
    @extend_schema(
        request=None,
        responses=OpenApiTypes.OBJECT,
        summary="A new local-LLM key (four groups of four lowercase letters or digits)",
    )
    def post(self, request: Request) -> Response:
        return Response(service.regenerate_llm_key())
