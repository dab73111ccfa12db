"""Asking a provider which models it offers: the model list and the connection test.

Every call is bounded (TRIPLO_MODELS_TIMEOUT in total, no redirects, at most 1 MB read) and
sends secrets only in headers. Errors are described here in our own words: httpx's messages
print URLs, and no URL, header or key ever reaches a response or a log line from here.
The last good list per provider and endpoint is kept in ModelListCache and served when the
provider fails.
"""

import json
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from credentials import masking, netguard, providers
from credentials.guarded_transport import GuardedTransport, RefusedAddress
from credentials.models import ModelListCache, ProviderCredential
from credentials.services import get_provider, require_complete
from credentials.trial import unsaved_credential

MAX_RESPONSE_BYTES = 1024 * 1024
MAX_PAGES = 20
MAX_ERROR_BYTES = 64 * 1024
MAX_MESSAGE_CHARS = 300


class ProviderError(Exception):
    """The provider did not give a usable model list; `detail` is safe to show."""

    def __init__(self, status: int | None, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class Target:
    """Where and how to ask one provider for its models."""

    provider: str
    endpoint: str
    url: str
    headers: dict[str, str]
    call: providers.ApiCall


def target(credential: ProviderCredential, test: bool = False) -> Target:
    """The request for this credential's model list (REFERENCE §3), or with `test` for its
    connection test (the catalogue's `test_call`); decrypts its secrets."""
    provider = providers.PROVIDERS[credential.provider]
    call = provider.connection_test if test else provider.models_call
    if provider.endpoint_field:
        endpoint = getattr(credential, provider.endpoint_field)
    else:
        endpoint = settings.TRIPLO_PROVIDER_BASE_URLS[provider.id]
    secret = getattr(credential, provider.secret_field)
    headers = {"Accept": "application/json", **call.request_headers(secret)}
    endpoint = endpoint.rstrip("/")
    return Target(provider.id, endpoint, endpoint + call.path, headers, call)


def _status_detail(code: int) -> str:
    if code in (401, 403):
        return f"HTTP {code}: the provider refused the credential"
    if code == 404:
        return "HTTP 404: no model list at this address"
    if 300 <= code < 400:
        return f"HTTP {code}: the provider redirects elsewhere; redirects are not followed"
    if code == 429:
        return "HTTP 429: rate limited by the provider"
    return f"HTTP {code}: the provider answered with an error"


def _provider_message(body: bytes) -> str:
    """The message in a provider's error body: `{"error": {"message"}}` (OpenAI, OpenRouter,
    Anthropic), `{"error": "..."}` (Ollama) or `{"message"}`; "" when there is none."""
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return ""
    if not isinstance(document, dict):
        return ""
    error = document.get("error")
    message = error.get("message") if isinstance(error, dict) else error
    message = message if isinstance(message, str) else document.get("message")
    return message if isinstance(message, str) else ""


def _error_detail(spec: Target, response: httpx.Response) -> str:
    """What went wrong in our words, then in the provider's own, any key text masked."""
    detail = _status_detail(response.status_code)
    body = bytearray()
    try:
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > MAX_ERROR_BYTES:
                return detail
    except httpx.HTTPError:
        return detail
    said = " ".join(_provider_message(bytes(body)).split())
    if not said:
        return detail
    secrets = [value.removeprefix("Bearer ") for value in spec.headers.values()]
    said = masking.mask_key_text(said, secrets)[:MAX_MESSAGE_CHARS]
    return f"{detail}. {providers.PROVIDERS[spec.provider].label} says: {said}"


def _get_json(client: httpx.Client, spec: Target, params: dict[str, Any], deadline: float) -> Any:
    """One bounded GET; the decoded JSON body, or ProviderError."""
    timeout = settings.TRIPLO_MODELS_TIMEOUT
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise ProviderError(None, f"no complete answer within {timeout:g} s")
    body = bytearray()
    try:
        with client.stream(
            "GET", spec.url, params=params, headers=spec.headers, timeout=remaining
        ) as response:
            if response.status_code != 200:
                raise ProviderError(response.status_code, _error_detail(spec, response))
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_RESPONSE_BYTES:
                    raise ProviderError(200, "the answer is larger than 1 MB")
                if time.monotonic() > deadline:
                    raise ProviderError(None, f"no complete answer within {timeout:g} s")
    except httpx.TimeoutException:
        raise ProviderError(None, f"no answer within {timeout:g} s") from None
    except httpx.ConnectError as exc:
        if isinstance(exc.__cause__, RefusedAddress):
            raise ProviderError(
                None, f"the provider's address: {netguard.REFUSED_MESSAGE}"
            ) from None
        raise ProviderError(None, "cannot connect to the provider") from None
    except httpx.HTTPError as exc:
        # The class name only: httpx's messages may print the URL.
        raise ProviderError(None, f"request failed ({type(exc).__name__})") from None
    except httpx.InvalidURL:
        raise ProviderError(None, "the provider URL is not valid") from None
    except UnicodeEncodeError:
        raise ProviderError(None, "the secret has characters a header cannot carry") from None
    try:
        return json.loads(bytes(body))
    except (ValueError, RecursionError):
        raise ProviderError(200, "the answer is not JSON") from None


def _ids(items: Any, key: str) -> list[str]:
    if not isinstance(items, list):
        raise ProviderError(200, "the answer is not a model list")
    return [
        item[key] for item in items if isinstance(item, dict) and isinstance(item.get(key), str)
    ]


def _parse_page(call: providers.ApiCall, document: Any) -> tuple[list[str], str | None]:
    """Model ids in one page of an answer, and the id to continue after (a paged call)."""
    if not isinstance(document, dict):
        raise ProviderError(200, "the answer is not a model list")
    ids = _ids(document.get(call.items_key), call.id_key)
    if call.paged and document.get("has_more") is True:
        last_id = document.get("last_id")
        return ids, last_id if isinstance(last_id, str) and last_id else None
    return ids, None


def fetch(spec: Target, all_pages: bool = True) -> list[str]:
    """The provider's model ids, sorted; ProviderError when it gives none."""
    deadline = time.monotonic() + settings.TRIPLO_MODELS_TIMEOUT
    models: list[str] = []
    params: dict[str, Any] = dict(spec.call.params)
    transport = GuardedTransport()
    with httpx.Client(transport=transport, follow_redirects=False, trust_env=False) as client:
        for _ in range(MAX_PAGES):
            document = _get_json(client, spec, params, deadline)
            ids, after = _parse_page(spec.call, document)
            models += ids
            if not all_pages or after is None or after == params.get("after_id"):
                break
            params = {**params, "after_id": after}
    return sorted(set(models))


def _credential(provider: providers.Provider) -> ProviderCredential:
    """The stored credential, or a 400 naming what is missing."""
    require_complete(provider.id)
    return ProviderCredential.objects.get(provider=provider.id)


def _is_fresh(fetched_at: datetime) -> bool:
    return timezone.now() - fetched_at < timedelta(seconds=settings.TRIPLO_MODELS_CACHE_SECONDS)


def list_models(provider_id: Any, refresh: bool = False) -> dict[str, Any]:
    """{provider, models, fetched_at, cached, error}: fresh from the provider or the cache.

    A fresh cached list is served without asking; a stale one is refreshed, and served with
    the error beside it when the provider fails. With no list at all, ProviderError.
    """
    provider = get_provider(provider_id)
    spec = target(_credential(provider))
    cache = ModelListCache.objects.filter(provider=provider.id, endpoint=spec.endpoint).first()
    if cache and not refresh and _is_fresh(cache.fetched_at):
        return _answer(provider.id, cache, cached=True)
    try:
        models = fetch(spec)
    except ProviderError as exc:
        if cache is None:
            raise
        return _answer(provider.id, cache, cached=True, error=exc)
    cache, _ = ModelListCache.objects.update_or_create(
        provider=provider.id,
        endpoint=spec.endpoint,
        defaults={"models": models, "fetched_at": timezone.now()},
    )
    return _answer(provider.id, cache, cached=False)


def list_unsaved(provider_id: Any, typed: dict[str, Any]) -> dict[str, Any]:
    """The model list for a credential typed but not saved: asked afresh, never cached."""
    provider = get_provider(provider_id)
    models = fetch(target(unsaved_credential(provider.id, typed)))
    return {
        "provider": provider.id,
        "models": models,
        "fetched_at": timezone.now(),
        "cached": False,
        "error": None,
    }


def _answer(
    provider: str, cache: ModelListCache, cached: bool, error: ProviderError | None = None
) -> dict[str, Any]:
    return {
        "provider": provider,
        "models": list(cache.models),
        "fetched_at": cache.fetched_at,
        "cached": cached,
        "error": None if error is None else {"status": error.status, "detail": error.detail},
    }


def check_connection(provider_id: Any, typed: dict[str, Any] | None = None) -> dict[str, Any]:
    """{ok, status, latency_ms, detail}: the catalogue's connection test, never an exception.

    The test is a call that a bad credential fails (OpenRouter lists models without any key,
    so its test asks about the key itself); a model list counts the models it names.
    """
    provider = get_provider(provider_id)
    try:
        credential = unsaved_credential(provider.id, typed) if typed else _credential(provider)
        spec = target(credential, test=True)
    except ValidationError as exc:
        return {"ok": False, "status": None, "latency_ms": None, "detail": exc.messages[0]}
    started = time.monotonic()
    try:
        if provider.test_call is None:
            models = fetch(spec, all_pages=False)
            detail = f"connected; {len(models)} models listed"
        else:
            deadline = time.monotonic() + settings.TRIPLO_MODELS_TIMEOUT
            with httpx.Client(follow_redirects=False, trust_env=False) as client:
                _get_json(client, spec, {}, deadline)
            detail = "connected; the provider accepted the key"
    except ProviderError as exc:
        ok, code, detail = False, exc.status, exc.detail
    else:
        ok, code = True, 200
    latency_ms = round((time.monotonic() - started) * 1000)
    return {"ok": ok, "status": code, "latency_ms": latency_ms, "detail": detail}
