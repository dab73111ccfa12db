"""Profile bundles over the API: export (secrets sealed only on request) and import."""

from dataclasses import asdict

from django.core.exceptions import ValidationError
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_docs import extend_schema
from profiles import bundles

PASSPHRASE_HEADER = "HTTP_X_BUNDLE_PASSPHRASE"
TRUE = {"1", "true", "yes", "on"}


def _flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "").strip().lower() in TRUE


def _passphrase(request: Request) -> str | None:
    return request.META.get(PASSPHRASE_HEADER) or None


PASSPHRASE_PARAMETER = OpenApiParameter(
    "X-Bundle-Passphrase", str, OpenApiParameter.HEADER, description="seals/opens the secrets"
)


class ExportView(APIView):
    """The bundle; ?include_secrets=1 seals the secrets with the X-Bundle-Passphrase header."""

    @extend_schema(
        parameters=[OpenApiParameter("include_secrets", bool), PASSPHRASE_PARAMETER],
        responses=OpenApiTypes.OBJECT,
    )
    @sensitive_variables("passphrase")
    def get(self, request: Request) -> Response:
        passphrase = _passphrase(request)
        if not _flag(request, "include_secrets"):
            passphrase = None
        elif passphrase is None:
            raise ValidationError(
                {"passphrase": ["include_secrets needs an X-Bundle-Passphrase header"]}
            )
        response = Response(bundles.export_bundle(passphrase))
        response["Content-Disposition"] = 'attachment; filename="triplo-profiles.json"'
        return response


class ImportView(APIView):
    """Merge a bundle; ?dry_run=1 reports added/changed/unchanged without storing anything."""

    @extend_schema(
        parameters=[OpenApiParameter("dry_run", bool), PASSPHRASE_PARAMETER],
        request=OpenApiTypes.OBJECT,
        responses=OpenApiTypes.OBJECT,
    )
    @sensitive_variables("passphrase")
    def post(self, request: Request) -> Response:
        dry_run = _flag(request, "dry_run")
        report = bundles.import_bundle(request.data, _passphrase(request), dry_run=dry_run)
        return Response({"dry_run": dry_run, **asdict(report)})
