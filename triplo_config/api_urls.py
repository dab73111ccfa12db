"""Every /api/ route. Each path also answers with a trailing slash, without a redirect."""

from django.urls import re_path

from history import api as history_api
from history import bundle_api
from triplo_config import health, runtime_api


def route(pattern: str, view, name: str):
    """`pattern` without a trailing slash; the route accepts it with or without one."""
    return re_path(rf"^{pattern}/?$", view, name=name)


urlpatterns = [
    route("health", health.health, "health"),
    route("restart", runtime_api.RestartView.as_view(), "restart"),
    route("config/resolve", runtime_api.ResolveDriftView.as_view(), "config-resolve"),
    route("config/history", history_api.HistoryView.as_view(), "config-history"),
    route(r"config/history/(?P<number>[^/]+)", history_api.VersionView.as_view(), "config-version"),
    route(
        r"config/history/(?P<a>[^/]+)/diff/(?P<b>[^/]+)",
        history_api.DiffView.as_view(),
        "config-diff",
    ),
    route("config/rollback", history_api.RollbackView.as_view(), "config-rollback"),
    route("llm/export", bundle_api.ExportView.as_view(), "llm-export"),
    route("llm/import", bundle_api.ImportView.as_view(), "llm-import"),
]
