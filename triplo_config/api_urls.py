"""Every /api/ route. Each path also answers with a trailing slash, without a redirect."""

from django.urls import re_path

from triplo_config import health, runtime_api


def route(pattern: str, view, name: str):
    """`pattern` without a trailing slash; the route accepts it with or without one."""
    return re_path(rf"^{pattern}/?$", view, name=name)


urlpatterns = [
    route("health", health.health, "health"),
    route("restart", runtime_api.RestartView.as_view(), "restart"),
    route("config/resolve", runtime_api.ResolveDriftView.as_view(), "config-resolve"),
]
