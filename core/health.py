from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness for container health checks: no auth, no database."""
    return JsonResponse({"status": "ok"})
