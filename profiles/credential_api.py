"""REST faces of the credentials as profiles see them: masked, with the profiles that use
them, saved and deleted under the active profile's rule (profiles.credential_services).

Secrets leave only as hints; serializers check the shape, the services the rules.
"""

from typing import Any

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_docs import extend_schema
from core.api_fields import Text
from credentials import providers, services
from credentials.api import PROVIDER_ID
from credentials.models import ProviderCredential
from profiles import credential_services
from profiles.models import LlmProfile


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
        credential = credential_services.set_credential(provider, **serializer.validated_data)
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
        credential_services.delete_credential(provider)
        return Response(status=status.HTTP_204_NO_CONTENT)
