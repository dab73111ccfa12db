"""Provider credentials: one row per provider, secrets encrypted at rest."""

import functools
from typing import Any

from django.core.signing import BadSignature
from django.db import models as db
from django.utils.encoding import force_bytes
from django_cryptography.fields import encrypt
from django_cryptography.utils.crypto import InvalidToken

from core.compiled import CompiledQuery
from core.errors import UserError
from credentials import providers
from credentials.masking import mask

UNDECRYPTABLE_MESSAGE = (
    "stored credentials cannot be decrypted with the current key: "
    "restore TRIPLO_DATA_DIR/secret.key"
)


class SecretsUnreadable(UserError):
    """The stored secrets were encrypted with another key than the one in use."""

    status = 503

    def __init__(self) -> None:
        super().__init__(UNDECRYPTABLE_MESSAGE)


class SecretField(encrypt(db.TextField)):
    """An encrypted text field that fails with one clear message under a wrong key."""

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        # Migrations must create a binary column (bytea on PostgreSQL): the inherited
        # deconstruct names plain TextField, whose text column mangles the ciphertext there.
        name, _path, args, kwargs = super().deconstruct()
        return name, "credentials.models.SecretField", args, kwargs

    def from_db_value(self, value: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().from_db_value(value, *args, **kwargs)
        except (BadSignature, InvalidToken) as exc:
            raise SecretsUnreadable() from exc


class CredentialSecretField(SecretField):
    """A credential's secret, decrypted once per process: an activation read each of them
    three times (its checks, the history, the export), nine decryptions of the same few
    values. Kept per ciphertext and key: each value saved is encrypted anew, so a change
    reads as changed, and another key finds nothing. Only the credentials' secrets, which
    config.json holds in clear for Triplo anyway; the history's (replaced keys among them)
    are decrypted each time they are read."""

    def from_db_value(self, value: Any, *args: Any, **kwargs: Any) -> Any:
        return None if value is None else _decrypted(self, self._fernet, force_bytes(value))


# Room for every provider's secret fields twice: the values stored now and those they replaced.
@functools.lru_cache(maxsize=2 * len(providers.PROVIDERS) * len(providers.SECRET_FIELDS))
def _decrypted(field: CredentialSecretField, fernet: object, token: bytes) -> Any:
    return SecretField.from_db_value(field, token)  # SecretsUnreadable is raised, not kept


class ProviderCredentialQuerySet(db.QuerySet):
    def without_secrets(self) -> "ProviderCredentialQuerySet":
        """List views never decrypt: hints are stored beside the ciphertext."""
        return self.defer(*providers.SECRET_FIELDS)


class ProviderCredentialManager(db.Manager.from_queryset(ProviderCredentialQuerySet)):
    """Reads that every activation, status poll or page runs, compiled once (core.compiled);
    on the manager only, where no filter could be lost."""

    def missing_fields(self, provider_id: str) -> list[str]:
        """The provider's required fields that are not stored (all of them with no credential)."""
        credential = _HINTS_OF_ONE.first(provider_id)
        if credential is None:
            return providers.PROVIDERS[provider_id].required_fields()
        return credential.missing_fields()

    def stored(self, secrets: bool = True) -> list["ProviderCredential"]:
        """Every credential in provider order, its secrets decrypted or (False) left unread."""
        return (_EVERY_DECRYPTED if secrets else _EVERY_WITH_HINTS).all()


class ProviderCredential(db.Model):
    provider = db.CharField(max_length=32, unique=True, choices=providers.PROVIDER_CHOICES)
    api_key = CredentialSecretField(blank=True, default="")
    api_key_hint = db.CharField(max_length=64, blank=True, default="", editable=False)
    token = CredentialSecretField(blank=True, default="")
    token_hint = db.CharField(max_length=64, blank=True, default="", editable=False)
    url = db.CharField(max_length=2000, blank=True, default="")
    base_url = db.CharField(max_length=2000, blank=True, default="")
    created_at = db.DateTimeField(auto_now_add=True)
    updated_at = db.DateTimeField(auto_now=True)
    # Named as in config.json (Django's models module is imported as `db`: nothing is shadowed).
    models = db.JSONField(blank=True, default=list)

    objects = ProviderCredentialManager()

    class Meta:
        ordering = ["provider"]
        constraints = [
            db.CheckConstraint(
                condition=db.Q(provider__in=list(providers.PROVIDERS)),
                name="credential_provider_in_catalogue",
            ),
        ]

    def __str__(self) -> str:
        return providers.PROVIDERS[self.provider].label

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Hints follow their secrets whichever way the row is saved (service, admin, shell)."""
        loaded = [n for n in providers.SECRET_FIELDS if n not in self.get_deferred_fields()]
        for name in loaded:
            setattr(self, f"{name}_hint", mask(getattr(self, name)))
        if kwargs.get("update_fields") is not None:
            fields = set(kwargs["update_fields"])
            kwargs["update_fields"] = fields | {f"{n}_hint" for n in loaded if n in fields}
        super().save(*args, **kwargs)

    def set_secret(self, name: str, value: str) -> None:
        """Store a secret and its hint together so the hint never goes stale."""
        setattr(self, name, value)
        setattr(self, f"{name}_hint", mask(value))

    def has_value(self, name: str) -> bool:
        """Whether a field is filled, judged without decrypting anything."""
        if name in providers.SECRET_FIELDS:
            return bool(getattr(self, f"{name}_hint"))
        return bool(getattr(self, name))

    def missing_fields(self) -> list[str]:
        required = providers.PROVIDERS[self.provider].required_fields()
        return [name for name in required if not self.has_value(name)]

    @property
    def is_configured(self) -> bool:
        return not self.missing_fields()

    @property
    def endpoint(self) -> str:
        """The address this credential is sent to; a new one invalidates the old secret."""
        field = providers.PROVIDERS[self.provider].endpoint_field
        return getattr(self, field) if field else ""


_EVERY_DECRYPTED = CompiledQuery(lambda: ProviderCredential.objects.all())
_EVERY_WITH_HINTS = CompiledQuery(lambda: ProviderCredential.objects.without_secrets())
_HINTS_OF_ONE = CompiledQuery(
    lambda provider: ProviderCredential.objects.without_secrets().filter(provider=provider)[:1],
    "\0provider",
)


class ModelListCache(db.Model):
    """The last good model list per provider and endpoint, served when the provider fails."""

    provider = db.CharField(max_length=32, choices=providers.PROVIDER_CHOICES)
    endpoint = db.CharField(max_length=2000)
    fetched_at = db.DateTimeField()
    models = db.JSONField(default=list)

    class Meta:
        constraints = [
            db.UniqueConstraint(fields=["provider", "endpoint"], name="one_cache_per_endpoint")
        ]

    def __str__(self) -> str:
        return f"{self.provider} models at {self.endpoint}"
