"""Every /api/ route. Each path also answers with a trailing slash, without a redirect."""

from django.urls import re_path

from core import account_api, api_schema, health
from credentials import api as credentials_api
from history import api as history_api
from profiles import api as profiles_api
from profiles import api_ui, bundle_api, credential_api
from triplo import api_views, platform_api, runtime_api, triplo_settings_api


def route(pattern: str, view, name: str):
    """`pattern` without a trailing slash; the route accepts it with or without one."""
    return re_path(rf"^{pattern}/?$", view, name=name)


urlpatterns = [
    route("health", health.health, "health"),
    route("schema", api_schema.schema_view, "schema"),
    route("docs", api_schema.docs_view, "docs"),
    route("llm/profiles", profiles_api.ProfileListView.as_view(), "profiles"),
    route("llm/profiles/reorder", profiles_api.ProfileReorderView.as_view(), "profiles-reorder"),
    route(
        r"llm/profiles/(?P<profile_id>[^/]+)", profiles_api.ProfileDetailView.as_view(), "profile"
    ),
    route(
        r"llm/profiles/(?P<profile_id>[^/]+)/duplicate",
        profiles_api.ProfileDuplicateView.as_view(),
        "profile-duplicate",
    ),
    route(
        r"llm/profiles/(?P<profile_id>[^/]+)/activate",
        profiles_api.ProfileActivateView.as_view(),
        "profile-activate",
    ),
    route("llm/profile/activate", profiles_api.ActivateView.as_view(), "activate"),
    route("llm/credentials", credential_api.CredentialListView.as_view(), "credentials"),
    route(
        r"llm/credentials/(?P<provider>[^/]+)",
        credential_api.CredentialDetailView.as_view(),
        "credential",
    ),
    route(
        r"llm/credentials/(?P<provider>[^/]+)/test",
        credentials_api.CredentialTestView.as_view(),
        "credential-test",
    ),
    route("llm/providers", credentials_api.ProviderListView.as_view(), "providers"),
    route("llm/models", credentials_api.ModelListView.as_view(), "models"),
    route("config", api_views.ConfigView.as_view(), "config"),
    route("status", api_views.StatusView.as_view(), "status"),
    route("settings/ui", api_ui.UiSettingsView.as_view(), "settings-ui"),
    route("restart", runtime_api.RestartView.as_view(), "restart"),
    route("config/resolve", runtime_api.ResolveDriftView.as_view(), "config-resolve"),
    route("config/export", runtime_api.ExportView.as_view(), "config-export"),
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
    route("triplo/settings", triplo_settings_api.TriploSettingsView.as_view(), "triplo-settings"),
    route(
        "triplo/settings/llm-key/regenerate",
        triplo_settings_api.RegenerateLlmKeyView.as_view(),
        "triplo-llm-key",
    ),
    route("triplo/platform", platform_api.PlatformSettingsView.as_view(), "triplo-platform"),
    route("account/password", account_api.PasswordView.as_view(), "account-password"),
    route("account/tokens", account_api.TokenListView.as_view(), "account-tokens"),
    route(
        r"account/tokens/(?P<token_id>[^/]+)",
        account_api.TokenDetailView.as_view(),
        "account-token",
    ),
    route(
        "account/sessions/sign-out-others",
        account_api.OtherSessionsView.as_view(),
        "account-sessions",
    ),
]
