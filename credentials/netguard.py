"""Which hosts a provider URL may reach, judged as the HTTP client reads and connects to them.

A stored provider URL receives the provider's key, so it must not point at the cloud metadata
service or another link-local address (a neighbour on the host could harvest instance
credentials or the key). Loopback and private ranges stay allowed: local Ollama and LM Studio
live there. The rule is applied twice:

- `host_errors` when a URL is saved: the host as httpx normalises it (IDNA, so `169。254。169。254`
  with ideographic full stops is `169.254.169.254`), its literal address in any form a resolver
  accepts, and every address a name resolves to now;
- `credentials.guarded_transport` when a request is made: the name is resolved again, every
  address is checked, and the socket connects to a checked address, so a name that resolves
  elsewhere later (DNS rebinding) still never receives a byte.

httpx is imported only where a URL is judged: the providers' rules import this module at
start-up, and httpx (6 MB in every worker) is needed only when a URL is saved or called.
"""

import ipaddress
import socket

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

REFUSED_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in (
        "0.0.0.0/8",  # "this network": 0.0.0.0 reaches the local host on Linux
        "169.254.0.0/16",  # IPv4 link-local, incl. the AWS/GCP/Azure metadata 169.254.169.254
        "100.100.100.200/32",  # Alibaba Cloud metadata
        "224.0.0.0/4",  # IPv4 multicast
        "255.255.255.255/32",  # broadcast
        "::/128",  # IPv6 unspecified
        "fe80::/10",  # IPv6 link-local
        "fd00:ec2::254/128",  # AWS metadata over IPv6
        "ff00::/8",  # IPv6 multicast
    )
)
METADATA_NAMES = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "instance-data",
        "instance-data.ec2.internal",
        "metadata.azure.internal",
    }
)
REFUSED_MESSAGE = "link-local, multicast and cloud metadata addresses are not allowed"


def literal_address(host: str) -> Address | None:
    """The address a host names literally, in any form a resolver accepts; None for names.

    `2852039166`, `0xa9fea9fe`, `169.254.43518`, `169.254.169.254.` and `::ffff:169.254.169.254`
    all reach the metadata service, so they are judged as the address they stand for.
    """
    host = host.rstrip(".")
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        try:
            address = ipaddress.ip_address(socket.inet_aton(host))
        except OSError:
            return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_refused(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in REFUSED_NETWORKS)


def resolve(host: str, port: int) -> list[Address]:
    """Every address the system resolver gives for host (empty when it gives none)."""
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in answers]


def host_errors(url: str) -> list[str]:
    """Reasons why the host of a URL must not receive a key, read as httpx reads it."""
    import httpx

    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, UnicodeError, ValueError):
        return ["is not a valid URL"]
    host = parsed.host
    if host.rstrip(".").lower() in METADATA_NAMES:
        return [REFUSED_MESSAGE]
    address = literal_address(host)
    candidates = [address] if address is not None else resolve(host, parsed.port or 80)
    if any(is_refused(candidate) for candidate in candidates):
        return [REFUSED_MESSAGE]
    return []
