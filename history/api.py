"""The history API: versions (newest first), one version, a diff, and rollback."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import generics, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_docs import extend_schema
from history import services
from history.diff import diff_lines
from history.models import Version
from history.states import state_of


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Version
        fields = ["number", "created_at", "actor", "face", "summary"]


class VersionDetailSerializer(serializers.ModelSerializer):
    # The version's whole state (secrets as hints), whatever form it is stored in.
    snapshot = serializers.SerializerMethodField()

    class Meta:
        model = Version
        fields = [*VersionSerializer.Meta.fields, "snapshot", "secrets_recorded"]

    def get_snapshot(self, version: Version) -> dict[str, Any]:
        return state_of(version, secrets=False)[0]


class RollbackSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, max_value=services.MAX_NUMBER)


class HistoryPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200


def _numbers(*names: str) -> list[OpenApiParameter]:
    return [OpenApiParameter(name, int, OpenApiParameter.PATH) for name in names]


class HistoryView(generics.ListAPIView):
    """Recorded versions, newest first (?page=, ?page_size=)."""

    serializer_class = VersionSerializer
    pagination_class = HistoryPagination

    def get_queryset(self) -> QuerySet[Version]:
        return services.versions()


class VersionView(APIView):
    """One version with its snapshot; secrets appear only as masks."""

    @extend_schema(
        parameters=_numbers("number"),
        responses=VersionDetailSerializer,
        operation_id="config_history_version",
    )
    def get(self, request: Request, number: str) -> Response:
        return Response(VersionDetailSerializer(services.get_version(number)).data)


class DiffView(APIView):
    """Changes from version a to version b, field by field and as lines for people; secrets
    only as changed/unchanged."""

    @extend_schema(parameters=_numbers("a", "b"), responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, a: str, b: str) -> Response:
        diff = services.diff_versions(a, b)
        return Response({**diff, "lines": diff_lines(diff)})


class RollbackView(APIView):
    """Restore a version's profiles and credentials; the result is recorded as a new version."""

    @extend_schema(request=RollbackSerializer, responses=VersionSerializer)
    def post(self, request: Request) -> Response:
        body = RollbackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = services.rollback(body.validated_data["version"])
        return Response(VersionSerializer(version).data)
