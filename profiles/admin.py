"""The profiles admin: a thin face over profiles.services, sortable by drag and drop."""

from typing import Any

from adminsortable2.admin import SortableAdminMixin
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from core.admin_support import ServiceForm
from core.errors import Conflict, NotFound, one_line
from credentials import providers
from credentials.models import ProviderCredential
from profiles import (
    credential_admin,  # noqa: F401 - registers the credentials admin
    services,
)
from profiles.document import PROFILE_FIELDS
from profiles.models import LlmProfile

_RANGES = "; ".join(
    f"{p.label} {p.temperature.minimum:g}–{p.temperature.maximum:g}"
    for p in providers.PROVIDERS.values()
)


class LlmProfileForm(ServiceForm):
    """The model fields plus `options` spread out as one form field per option."""

    max_tokens = forms.IntegerField(
        required=False,
        min_value=providers.MAX_TOKENS_RANGE[0],
        max_value=providers.MAX_TOKENS_RANGE[1],
        help_text="Leave blank for the provider's default.",
    )
    json_mode = forms.BooleanField(required=False, label="JSON mode")
    stream = forms.BooleanField(required=False, label="Stream responses")

    class Meta:
        model = LlmProfile
        fields = ["name", "provider", "model", "temperature", "presence_penalty"]
        help_texts = {
            "temperature": f"Allowed range: {_RANGES}.",
            "presence_penalty": "−2 to 2; Anthropic does not support it (keep 0).",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = self.instance.options or {}
        for name in providers.OPTION_KINDS:
            if name in options:
                self.initial[name] = options[name]

    def options(self) -> dict[str, Any]:
        """The options object: only the options that were set, like the API stores them."""
        data = self.cleaned_data
        options = dict(self.instance.options or {})
        for name in ("json_mode", "stream"):
            if data.get(name):
                options[name] = True
            else:
                options.pop(name, None)
        if data.get("max_tokens") is None:
            options.pop("max_tokens", None)
        else:
            options["max_tokens"] = data["max_tokens"]
        return options

    def service_values(self) -> dict[str, Any]:
        fields = [f for f in PROFILE_FIELDS if f != "options"]
        return {f: self.cleaned_data.get(f) for f in fields} | {"options": self.options()}

    def save_through_services(self) -> LlmProfile:
        if self.instance._state.adding:
            return services.create_profile(**self.service_values())
        return services.update_profile(self.instance.pk, **self.service_values())


@admin.register(LlmProfile)
class LlmProfileAdmin(SortableAdminMixin, admin.ModelAdmin):
    form = LlmProfileForm
    list_display = ["position", "name", "active", "provider_label", "model", "credential_state"]
    list_display_links = ["name"]
    search_fields = ["name", "model"]
    list_filter = ["provider", "is_active"]
    actions = ["activate", "duplicate"]
    readonly_fields = ["is_active", "created_at", "updated_at"]
    fieldsets = [
        ("Basics", {"fields": ["name", "provider", "model"]}),
        ("Parameters", {"fields": ["temperature", "presence_penalty"]}),
        (
            "Advanced options",
            {"fields": ["max_tokens", "json_mode", "stream"], "classes": ["collapse"]},
        ),
        ("Status", {"fields": ["is_active", "created_at", "updated_at"]}),
    ]

    @admin.display(boolean=True, description="Active", ordering="is_active")
    def active(self, profile: LlmProfile) -> bool:
        return profile.is_active

    @admin.display(description="Provider", ordering="provider")
    def provider_label(self, profile: LlmProfile) -> str:
        return profile.provider_label

    @admin.display(description="Credential")
    def credential_state(self, profile: LlmProfile) -> str:
        missing = ProviderCredential.objects.missing_fields(profile.provider)
        if not missing:
            return "configured"
        return f"missing {', '.join(missing)}"

    def get_fieldsets(self, request: HttpRequest, obj: LlmProfile | None = None) -> list:
        """A profile being added has no status yet."""
        return self.fieldsets if obj else self.fieldsets[:-1]

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # deleting goes through the service, one by one
        # adminsortable2's "move to page" actions write positions directly, past the service
        for name in [name for name in actions if name.startswith("move_to_")]:
            actions.pop(name)
        return actions

    @admin.action(description="Activate the selected profile")
    def activate(self, request: HttpRequest, queryset: QuerySet[LlmProfile]) -> None:
        if queryset.count() != 1:
            self.message_user(
                request, "Select exactly one profile to activate.", level=messages.WARNING
            )
            return
        profile = queryset.get()
        try:
            services.activate_profile(profile.pk)
        except (ValidationError, NotFound) as exc:
            self.message_user(
                request, f"Could not activate {profile.name!r}: {one_line(exc)}", messages.ERROR
            )
            return
        self.message_user(request, f"{profile.name!r} is now the active profile.")

    @admin.action(description="Duplicate the selected profiles")
    def duplicate(self, request: HttpRequest, queryset: QuerySet[LlmProfile]) -> None:
        names = []
        for profile in queryset:
            try:
                names.append(services.duplicate_profile(profile.pk).name)
            except (ValidationError, NotFound) as exc:
                self.message_user(request, f"{profile.name!r}: {one_line(exc)}", messages.ERROR)
        if names:
            self.message_user(request, f"Created {', '.join(repr(n) for n in names)}.")

    def save_model(
        self, request: HttpRequest, obj: LlmProfile, form: LlmProfileForm, change: bool
    ) -> None:
        saved = form.save_through_services()
        for field in LlmProfile._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False

    def has_delete_permission(self, request: HttpRequest, obj: LlmProfile | None = None) -> bool:
        if obj is not None and obj.is_active:
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj: LlmProfile) -> None:
        try:
            services.delete_profile(obj.pk)
        except (Conflict, NotFound) as exc:
            self.message_user(request, str(exc), messages.ERROR)

    def _update_order(self, updated_items: list, extra_model_filters: dict) -> int:
        """Drag and drop moves a few rows; the service sets the whole order and exports."""
        positions = {str(p.pk): (p.position, i) for i, p in enumerate(LlmProfile.objects.ordered())}
        for pk, position in updated_items:
            if str(pk) in positions:
                positions[str(pk)] = (int(position), positions[str(pk)][1])
        order = sorted(positions, key=lambda pk: positions[pk])
        services.reorder_profiles(order)
        return len(updated_items)
