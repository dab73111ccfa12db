"""REST faces of the provider catalogue, the model lists and the connection test (the
credentials themselves: profiles.credential_api)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_docs import extend_schema
from core.errors import NotFound
from credentials import providers, services
from credentials.api_fields import ProviderId

PROVIDER_ID = OpenApiParameter(
    "provider",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=list(providers.ALIASES),
    description="a provider id or alias",
)


@extend_schema(
    parameters=[PROVIDER_ID],
    request=None,
    responses=inline_serializer(
        "ConnectionTest",
        {
            "ok": serializers.BooleanField(),
            "status": serializers.IntegerField(allow_null=True),
            "latency_ms": serializers.IntegerField(allow_null=True),
            "detail": serializers.CharField(),
        },
    ),
    summary="The provider's connection test call; a bad key or dead host is ok: false",
)
class CredentialTestView(APIView):
    def post(self, request: Request, provider: str) -> Response:
        # A body holds fields typed but not saved: they are tried, never stored.
        typed = request.data if isinstance(request.data, dict) and request.data else None
        from credentials import modellist  # httpx with it: only these requests call a provider

        return Response(modellist.check_connection(provider, typed))


@extend_schema(
    responses=inline_serializer(
        "Provider",
        {
            "id": serializers.CharField(),
            "label": serializers.CharField(),
            "aliases": serializers.ListField(child=serializers.CharField()),
            "default_model": serializers.CharField(),
            "credential_fields": serializers.ListField(child=serializers.DictField()),
            "temperature": serializers.DictField(),
            "presence_penalty": serializers.DictField(),
            "options": serializers.DictField(),
        },
        many=True,
    ),
    summary="The provider catalogue: ids, fields, parameter ranges, allowed options",
)
class ProviderListView(APIView):
    def get(self, request: Request) -> Response:
        return Response(providers.catalogue())


class ModelQuerySerializer(serializers.Serializer):
    provider = ProviderId()
    refresh = serializers.BooleanField(required=False, default=False)


@extend_schema(
    parameters=[ModelQuerySerializer],
    responses={
        200: inline_serializer(
            "ModelList",
            {
                "provider": serializers.CharField(),
                "models": serializers.ListField(child=serializers.CharField()),
                "fetched_at": serializers.DateTimeField(),
                "cached": serializers.BooleanField(),
                "error": inline_serializer(
                    "ModelListError",
                    {
                        "status": serializers.IntegerField(allow_null=True),
                        "detail": serializers.CharField(),
                    },
                    allow_null=True,
                ),
            },
        ),
        502: inline_serializer(
            "ProviderFailure",
            {
                "provider": serializers.CharField(),
                "status": serializers.IntegerField(allow_null=True),
                "detail": serializers.CharField(),
            },
        ),
    },
    summary="The provider's models (cached; the last good list is served when it fails)",
)
class ModelListView(APIView):
    def get(self, request: Request) -> Response:
        query = ModelQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            provider = services.get_provider(query.validated_data["provider"])
        except NotFound as exc:
            raise serializers.ValidationError({"provider": [str(exc)]}) from None
        from credentials import modellist

        try:
            answer = modellist.list_models(provider.id, refresh=query.validated_data["refresh"])
        except modellist.ProviderError as exc:
            return Response(
                {"provider": provider.id, "status": exc.status, "detail": exc.detail},
                status=status.HTTP_502_BAD_GATEWAY,
            )
        return Response(answer)

    @extend_schema(
        request=inline_serializer(
            "UnsavedModelQuery",
            {"provider": serializers.CharField(), "fields": serializers.DictField()},
        ),
        summary="The models for credential fields typed but not saved (not stored, not cached)",
    )
    def post(self, request: Request) -> Response:
        body = request.data if isinstance(request.data, dict) else {}
        try:
            provider = services.get_provider(body.get("provider"))
        except NotFound as exc:
            raise serializers.ValidationError({"provider": [str(exc)]}) from None
        from credentials import modellist

        try:
            answer = modellist.list_unsaved(provider.id, body.get("fields") or {})
        except modellist.ProviderError as exc:
            return Response(
                {"provider": provider.id, "status": exc.status, "detail": exc.detail},
                status=status.HTTP_502_BAD_GATEWAY,
            )
        return Response(answer)
