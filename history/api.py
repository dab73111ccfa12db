"""The history API: versions (newest first), one version, a diff, and rollback."""

from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from history import services
from history.models import Version


class VersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Version
        fields = ["number", "created_at", "actor", "face", "summary"]


class VersionDetailSerializer(serializers.ModelSerializer):
    class Meta:
        model = Version
        fields = [*VersionSerializer.Meta.fields, "snapshot", "secrets_recorded"]


class RollbackSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class HistoryPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200


class HistoryView(APIView):
    """Recorded versions, newest first (?page=, ?page_size=)."""

    def get(self, request: Request) -> Response:
        paginator = HistoryPagination()
        page = paginator.paginate_queryset(services.versions(), request, view=self)
        return paginator.get_paginated_response(VersionSerializer(page, many=True).data)


class VersionView(APIView):
    """One version with its snapshot; secrets appear only as masks."""

    serializer_class = VersionDetailSerializer

    def get(self, request: Request, number: str) -> Response:
        return Response(VersionDetailSerializer(services.get_version(number)).data)


class DiffView(APIView):
    """Field-by-field changes from version a to version b."""

    def get(self, request: Request, a: str, b: str) -> Response:
        return Response(services.diff_versions(a, b))


class RollbackView(APIView):
    """Restore a version's profiles and credentials; the result is recorded as a new version."""

    serializer_class = RollbackSerializer

    def post(self, request: Request) -> Response:
        body = RollbackSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        version = services.rollback(body.validated_data["version"])
        return Response(VersionSerializer(version).data)
