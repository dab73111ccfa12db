"""Versions in the admin: read-only; rolling back goes through the API, page or command."""

import json

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from history.models import Version
from history.states import state_of


@admin.register(Version)
class VersionAdmin(admin.ModelAdmin):
    list_display = ["number", "created_at", "actor", "face", "summary"]
    list_filter = ["face", "actor"]
    search_fields = ["summary", "actor"]
    fields = ["number", "created_at", "actor", "face", "summary", "secrets_recorded", "state"]
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet[Version]:
        return super().get_queryset(request).without_secrets()

    @admin.display(description="snapshot (secrets as hints)")
    def state(self, version: Version) -> str:
        state, _secrets = state_of(version, secrets=False)
        return format_html("<pre>{}</pre>", json.dumps(state, indent=2))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Version | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Version | None = None) -> bool:
        return False
