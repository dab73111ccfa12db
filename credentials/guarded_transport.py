"""The transport every provider call goes through: httpx's, connecting only to addresses
`credentials.netguard` allows, checked again at connect time (see netguard for why)."""

from typing import Any

import httpcore
import httpx

from credentials.netguard import (
    METADATA_NAMES,
    REFUSED_MESSAGE,
    is_refused,
    literal_address,
    resolve,
)


class RefusedAddress(httpcore.ConnectError):
    """The provider's host is, or resolves to, an address a key must not be sent to."""


class _GuardedBackend(httpcore.SyncBackend):
    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        if host.rstrip(".").lower() in METADATA_NAMES:
            raise RefusedAddress(REFUSED_MESSAGE)
        literal = literal_address(host)
        addresses = [literal] if literal is not None else resolve(host, port)
        if not addresses:
            raise httpcore.ConnectError("the host name does not resolve")
        if any(is_refused(address) for address in addresses):
            raise RefusedAddress(REFUSED_MESSAGE)
        error: Exception | None = None
        for address in addresses:
            try:
                return super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                error = exc
        raise error or httpcore.ConnectError("cannot connect")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport, connecting only to checked addresses (TLS still checks the name)."""

    def __init__(self) -> None:
        super().__init__(trust_env=False)
        # httpx offers no option for the network backend: its pool is rebuilt around the guard.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=_GuardedBackend(),
        )
