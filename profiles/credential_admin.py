"""The credentials admin: secrets only ever shown as hints, saved through the services.

It lives in profiles because it shows and keeps the rule of the profiles that use each
credential; the model stays in the credentials app (its admin section is unchanged)."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.utils.html import format_html_join
from django.views.decorators.debug import sensitive_post_parameters

from core.admin_support import ServiceForm
from core.errors import Conflict
from credentials import providers
from credentials.models import ProviderCredential
from profiles import credential_services
from profiles.models import LlmProfile

# Form field for each secret: named apart from the model field so the form never decrypts it.
SECRET_INPUTS = {name: f"new_{name}" for name in providers.SECRET_FIELDS}


def _new_secret(label: str) -> forms.CharField:
    """A secret is typed anew, never shown: the stored one stays unless this is filled."""
    return forms.CharField(
        label=label,
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
    )


class ProviderCredentialForm(ServiceForm):
    new_api_key = _new_secret("API key")
    clear_api_key = forms.BooleanField(label="Remove the stored API key", required=False)
    new_token = _new_secret("Bearer token")
    clear_token = forms.BooleanField(label="Remove the stored token", required=False)
    models = forms.CharField(
        label="Local models",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One model name per line.",
    )

    class Meta:
        model = ProviderCredential
        fields = ["provider", "url", "base_url"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        credential = self.instance
        for name, input_name in SECRET_INPUTS.items():
            if input_name not in self.fields:
                continue
            hint = getattr(credential, f"{name}_hint", "") if credential.pk else ""
            self.fields[input_name].help_text = (
                f"Stored: {hint}. Leave blank to keep it." if hint else "Nothing stored yet."
            )
        if credential.pk and "models" in self.fields:
            self.initial["models"] = "\n".join(credential.models or [])

    def provider(self) -> providers.Provider:
        provider_id = self.cleaned_data.get("provider") or self.instance.provider
        return providers.resolve(provider_id)

    def changes(self) -> dict[str, Any]:
        """What to send to set_credential: a secret only when replaced or cleared."""
        data = self.cleaned_data
        fields = {f.name: f for f in self.provider().credential_fields}
        changes: dict[str, Any] = {}
        for name, input_name in SECRET_INPUTS.items():
            if data.get(f"clear_{name}"):
                changes[name] = ""
            elif data.get(input_name):
                changes[name] = data[input_name]
        for name in ("url", "base_url"):
            value = data.get(name) or ""
            # A value for a field this provider lacks is sent so the service can name it.
            if value or (name in fields and self.instance.pk):
                changes[name] = value
        if "models" in fields:
            changes["models"] = [
                line.strip() for line in (data.get("models") or "").splitlines() if line.strip()
            ]
        return changes

    def save_through_services(self) -> ProviderCredential:
        return credential_services.set_credential(self.provider().id, **self.changes())


@admin.register(ProviderCredential)
class ProviderCredentialAdmin(admin.ModelAdmin):
    form = ProviderCredentialForm
    list_display = ["__str__", "configured", "api_key_hint", "token_hint", "endpoint", "used_by"]
    readonly_fields = ["used_by_list", "updated_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ProviderCredential]:
        return super().get_queryset(request).without_secrets()

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["provider", *self.readonly_fields] if obj else list(self.readonly_fields)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list:
        if obj is None:
            names = ["new_api_key", "new_token", "url", "base_url", "models"]
            return [
                (None, {"fields": ["provider"]}),
                (
                    "Credential",
                    {
                        "fields": names,
                        "description": "Fill in only the fields the chosen provider uses.",
                    },
                ),
            ]
        fields: list[str] = []
        for spec in providers.PROVIDERS[obj.provider].credential_fields:
            if spec.secret:
                fields += [SECRET_INPUTS[spec.name], f"clear_{spec.name}"]
            else:
                fields.append(spec.name)
        return [
            (None, {"fields": ["provider"]}),
            ("Credential", {"fields": fields}),
            ("Used by", {"fields": ["used_by_list", "updated_at"]}),
        ]

    def get_form(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> type:
        form = super().get_form(request, obj, **kwargs)
        if obj is None and "provider" in form.base_fields:
            taken = set(ProviderCredential.objects.values_list("provider", flat=True))
            form.base_fields["provider"].choices = [("", "---------")] + [
                choice for choice in providers.PROVIDER_CHOICES if choice[0] not in taken
            ]
        return form

    @admin.display(boolean=True, description="Configured")
    def configured(self, credential: ProviderCredential) -> bool:
        return credential.is_configured

    @admin.display(description="Used by")
    def used_by(self, credential: ProviderCredential) -> str:
        names = LlmProfile.objects.filter(provider=credential.provider).values_list(
            "name", flat=True
        )
        return ", ".join(names) or "—"

    @admin.display(description="Profiles using it")
    def used_by_list(self, credential: ProviderCredential) -> str:
        profiles = LlmProfile.objects.filter(provider=credential.provider).ordered()
        if not profiles:
            return "No profile uses this provider."
        return format_html_join(
            "",
            "<div>{}{}</div>",
            ((p.name, " (active)" if p.is_active else "") for p in profiles),
        )

    @method_decorator(sensitive_post_parameters(*SECRET_INPUTS.values()))
    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return super().changeform_view(request, *args, **kwargs)

    @method_decorator(sensitive_post_parameters())
    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return super().delete_view(request, *args, **kwargs)

    def save_model(
        self, request: HttpRequest, obj: ProviderCredential, form: Any, change: bool
    ) -> None:
        saved = form.save_through_services()
        for field in ProviderCredential._meta.concrete_fields:
            if field.name not in providers.SECRET_FIELDS:
                setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and credential_services.needed_by_active_profile(obj.provider):
            return False
        return super().has_delete_permission(request, obj)

    def delete_model(self, request: HttpRequest, obj: ProviderCredential) -> None:
        try:
            credential_services.delete_credential(obj.provider)
        except Conflict as exc:
            self.message_user(request, str(exc), messages.ERROR)
