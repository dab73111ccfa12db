"""REST faces of the credential services, the provider catalogue and the model lists.

Secrets leave only as hints; serializers check the shape, credentials.services the rules.
"""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from credentials import modellist, providers, services
from credentials.models import ProviderCredential
from profiles.models import LlmProfile
from triplo_config.api_fields import ProviderId, Text
from triplo_config.errors import NotFound

PROVIDER_ID = OpenApiParameter(
    "provider",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=list(providers.ALIASES),
    description="a provider id or alias",
)


class CredentialSerializer(serializers.Serializer):
    """The masked view of one provider's credential."""

    provider = serializers.CharField()
    configured = serializers.BooleanField()
    missing = serializers.ListField(child=serializers.CharField())
    api_key_hint = serializers.CharField()
    token_hint = serializers.CharField()
    url = serializers.CharField()
    base_url = serializers.CharField()
    models = serializers.ListField(child=serializers.CharField())
    used_by = serializers.ListField(child=serializers.UUIDField())
    updated_at = serializers.DateTimeField(allow_null=True)


class CredentialInputSerializer(serializers.Serializer):
    """Only the fields sent change; a secret left out keeps its value, "" clears it."""

    api_key = Text(required=False, help_text="open_ai, open_router, anthropic, custom_http")
    token = Text(required=False, help_text="ollama (optional bearer token)")
    url = Text(required=False, help_text="ollama server URL")
    base_url = Text(required=False, help_text="custom_http base URL (usually ends in /v1)")
    models = serializers.ListField(child=Text(), required=False, help_text="ollama local models")


def masked(provider_id: str, credential: ProviderCredential | None) -> dict[str, Any]:
    """A credential as clients see it; `credential` was loaded without its secrets."""
    used_by = LlmProfile.objects.filter(provider=provider_id).values_list("id", flat=True)
    if credential is None:
        credential = ProviderCredential(provider=provider_id)
    return {
        "provider": provider_id,
        "configured": credential.is_configured,
        "missing": credential.missing_fields(),
        "api_key_hint": credential.api_key_hint,
        "token_hint": credential.token_hint,
        "url": credential.url,
        "base_url": credential.base_url,
        "models": list(credential.models),
        "used_by": list(used_by),
        "updated_at": credential.updated_at,
    }


def _masked_response(provider_id: str) -> Response:
    credential = ProviderCredential.objects.without_secrets().filter(provider=provider_id).first()
    return Response(CredentialSerializer(masked(provider_id, credential)).data)


class CredentialListView(APIView):
    @extend_schema(
        responses=inline_serializer(
            "CredentialsByProvider",
            {p: CredentialSerializer() for p in providers.PROVIDERS},
        ),
        operation_id="llm_credentials_list",
        summary="Every provider's credential, secrets as hints only",
    )
    def get(self, request: Request) -> Response:
        stored = {c.provider: c for c in ProviderCredential.objects.without_secrets()}
        return Response(
            {p: CredentialSerializer(masked(p, stored.get(p))).data for p in providers.PROVIDERS}
        )


@extend_schema(parameters=[PROVIDER_ID])
class CredentialDetailView(APIView):
    @extend_schema(responses=CredentialSerializer, summary="One provider's credential, masked")
    def get(self, request: Request, provider: str) -> Response:
        return _masked_response(services.get_provider(provider).id)

    def _save(self, request: Request, provider: str) -> Response:
        serializer = CredentialInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        credential = services.set_credential(provider, **serializer.validated_data)
        return _masked_response(credential.provider)

    @extend_schema(
        request=CredentialInputSerializer,
        responses=CredentialSerializer,
        summary="Save fields; changing url/base_url without the secret clears the secret",
    )
    def put(self, request: Request, provider: str) -> Response:
        return self._save(request, provider)

    @extend_schema(request=CredentialInputSerializer, responses=CredentialSerializer)
    def patch(self, request: Request, provider: str) -> Response:
        return self._save(request, provider)

    @extend_schema(responses={204: None}, summary="Remove (409 while the active profile uses it)")
    def delete(self, request: Request, provider: str) -> Response:
        services.delete_credential(provider)
        return Response(status=status.HTTP_204_NO_CONTENT)


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
        try:
            answer = modellist.list_unsaved(provider.id, body.get("fields") or {})
        except modellist.ProviderError as exc:
            return Response(
                {"provider": provider.id, "status": exc.status, "detail": exc.detail},
                status=status.HTTP_502_BAD_GATEWAY,
            )
        return Response(answer)
