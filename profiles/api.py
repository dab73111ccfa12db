"""REST faces of the profile services: list, create, edit, delete, duplicate, reorder, activate.

Serializers check only the shape of a body; every rule is the services' (profiles.services).
"""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_docs import extend_schema
from core.api_fields import Id, Number, Text
from credentials import providers
from credentials.api_fields import ProviderId
from credentials.models import ProviderCredential
from profiles import services
from profiles.models import LlmProfile

PROFILE_ID = OpenApiParameter(
    "profile_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="the profile's id"
)


def configured_providers() -> set[str]:
    """Providers whose credential holds every required field (judged without decrypting)."""
    return {c.provider for c in ProviderCredential.objects.without_secrets() if c.is_configured}


class ProfileSerializer(serializers.ModelSerializer):
    """The shape of a profile in responses (and the OpenAPI document). Responses are built by
    profile_data / profile_rows, which a test holds to this serializer's output."""

    credential_configured = serializers.SerializerMethodField()

    class Meta:
        model = LlmProfile
        fields = [
            "id",
            "name",
            "provider",
            "model",
            "temperature",
            "presence_penalty",
            "options",
            "position",
            "is_active",
            "credential_configured",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_credential_configured(self, profile: LlmProfile) -> bool:
        configured = self.context.get("configured")
        if configured is None:
            configured = self.context["configured"] = configured_providers()
        return profile.provider in configured


class ProfileInputSerializer(serializers.Serializer):
    """The fields a client may send; defaults are the services'."""

    name = Text()
    provider = ProviderId()
    model = Text()
    temperature = Number(required=False, help_text="default 0.7; range depends on the provider")
    presence_penalty = Number(required=False, help_text="default 0; Anthropic: always 0")
    options = serializers.DictField(
        required=False, help_text=f"allowed keys: {', '.join(providers.OPTION_KINDS)}"
    )


class ReorderSerializer(serializers.Serializer):
    order = serializers.ListField(child=Id(), help_text="every profile id exactly once")


class ActivateSerializer(serializers.Serializer):
    id = Id(help_text="the id of the profile to activate")


# Built without DRF's serializer machinery, which cost ~70 µs a profile (860 ms for 10,000)
# and ~2 ms to set up for a single one. Ids and timestamps stay UUID and datetime objects; the
# renderer writes them as the serializer would.
STORED_FIELDS = [f for f in ProfileSerializer.Meta.fields if f != "credential_configured"]


def profile_data(profile: LlmProfile, configured: bool | None = None) -> dict[str, Any]:
    """One profile as ProfileSerializer renders it; `configured` when the caller knows it
    already (an activated profile's credential is complete: the activation checked it)."""
    data = {field: getattr(profile, field) for field in STORED_FIELDS}
    if configured is None:
        configured = not ProviderCredential.objects.missing_fields(profile.provider)
    return data | {"credential_configured": configured}


def profile_rows(profiles: Any) -> list[dict[str, Any]]:
    """What ProfileSerializer(many=True) renders, from plain rows."""
    configured = configured_providers()
    rows = []
    for values in profiles.values_list(*STORED_FIELDS):
        row = dict(zip(STORED_FIELDS, values, strict=True))
        row["credential_configured"] = row["provider"] in configured
        rows.append(row)
    return rows


def _profile(
    profile: LlmProfile, code: int = status.HTTP_200_OK, configured: bool | None = None
) -> Response:
    return Response(profile_data(profile, configured), status=code)


def _profile_list(profiles: Any) -> Response:
    return Response(profile_rows(profiles))


def _body(serializer_class: type[serializers.Serializer], request: Request, **kwargs: Any) -> dict:
    serializer = serializer_class(data=request.data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ProfileListView(APIView):
    @extend_schema(responses=ProfileSerializer(many=True), summary="Profiles in position order")
    def get(self, request: Request) -> Response:
        return _profile_list(LlmProfile.objects.ordered())

    @extend_schema(
        request=ProfileInputSerializer,
        responses={201: ProfileSerializer},
        summary="Create an inactive profile, placed last",
    )
    def post(self, request: Request) -> Response:
        profile = services.create_profile(**_body(ProfileInputSerializer, request))
        return _profile(profile, status.HTTP_201_CREATED)


@extend_schema(parameters=[PROFILE_ID])
class ProfileDetailView(APIView):
    @extend_schema(responses=ProfileSerializer)
    def get(self, request: Request, profile_id: str) -> Response:
        return _profile(services.get_profile(profile_id))

    @extend_schema(
        request=ProfileInputSerializer,
        responses=ProfileSerializer,
        summary="Replace a profile's fields (omitted tuning fields take their defaults)",
    )
    def put(self, request: Request, profile_id: str) -> Response:
        services.get_profile(profile_id)  # an unknown id is 404 whatever the body
        defaults = {
            "temperature": providers.DEFAULT_TEMPERATURE,
            "presence_penalty": providers.DEFAULT_PRESENCE_PENALTY,
            "options": {},
        }
        changes = defaults | _body(ProfileInputSerializer, request)
        return _profile(services.update_profile(profile_id, **changes))

    @extend_schema(request=ProfileInputSerializer, responses=ProfileSerializer)
    def patch(self, request: Request, profile_id: str) -> Response:
        services.get_profile(profile_id)
        changes = _body(ProfileInputSerializer, request, partial=True)
        return _profile(services.update_profile(profile_id, **changes))

    @extend_schema(responses={204: None}, summary="Delete an inactive profile (409 if active)")
    def delete(self, request: Request, profile_id: str) -> Response:
        services.delete_profile(profile_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    parameters=[PROFILE_ID],
    request=None,
    responses={201: ProfileSerializer},
    summary='An inactive copy named "NAME (copy)", placed right after the original',
)
class ProfileDuplicateView(APIView):
    def post(self, request: Request, profile_id: str) -> Response:
        return _profile(services.duplicate_profile(profile_id), status.HTTP_201_CREATED)


@extend_schema(
    request=ReorderSerializer,
    responses=ProfileSerializer(many=True),
    summary="Set the order; the body lists every profile id exactly once",
)
class ProfileReorderView(APIView):
    def post(self, request: Request) -> Response:
        services.reorder_profiles(_body(ReorderSerializer, request)["order"])
        return _profile_list(LlmProfile.objects.ordered())


@extend_schema(
    request=ActivateSerializer,
    responses=ProfileSerializer,
    summary="Make a profile the one Triplo uses (400 with the reasons when it cannot be)",
)
class ActivateView(APIView):
    @extend_schema(operation_id="llm_activate_profile")
    def post(self, request: Request) -> Response:
        profile = services.activate_profile(_body(ActivateSerializer, request)["id"])
        return _profile(profile, configured=True)


@extend_schema(
    parameters=[PROFILE_ID],
    request=None,
    responses={200: ProfileSerializer, 400: None},  # the body of 400 is the shared one
    summary="Make this profile the one Triplo uses (400 with the reasons when it cannot be)",
)
class ProfileActivateView(APIView):
    @extend_schema(operation_id="llm_profiles_activate")
    def post(self, request: Request, profile_id: str) -> Response:
        return _profile(services.activate_profile(profile_id), configured=True)
