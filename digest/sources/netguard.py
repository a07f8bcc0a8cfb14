"""Which network addresses a fetch may connect to (SSRF protection).

By default only public addresses: loopback, private (10/8, 172.16/12, 192.168/16, IPv6 ULA),
link-local (169.254/16, where cloud metadata lives, and fe80::/10), shared (100.64/10),
multicast, reserved and unspecified addresses are refused, IPv4-mapped, 6to4, Teredo and NAT64
IPv6 forms included. The check runs on the *resolved* addresses of every connection: a host
name is resolved once, every address it gives is checked, and the connection is made to a
checked address (the URL's host name is still used for the Host header, SNI and certificate
checks), so DNS rebinding between the check and the connect does not help. Numeric host forms
(``2130706433``, ``0x7f000001``, ``0177.0.0.1``, ``127.1``) resolve to what they mean and are
checked like any other.

``DIGEST_HTTP_ALLOW_HOSTS`` lists exceptions: host names (exact, case-insensitive) or IP
addresses and CIDR networks (``127.0.0.1``, ``10.20.0.0/16``, ``fd00::/8``).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpcore

from digest.errors import DigestError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddress(DigestError):
    """A fetch would connect to an address the policy refuses."""

    def __init__(self, host: str, address: str) -> None:
        super().__init__(
            f"refused: {host} resolves to {address}, a private, loopback, link-local or "
            "reserved address; add the host to DIGEST_HTTP_ALLOW_HOSTS if it is meant"
        )
        self.host = host
        self.address = address


def _embedded_v4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address.teredo is not None:
        return address.teredo[1]
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address: IPAddress) -> bool:
    """Whether ``address`` (or the IPv4 address embedded in it) is a public unicast one."""
    if isinstance(address, ipaddress.IPv6Address):
        inner = _embedded_v4(address)
        if inner is not None:
            return is_public(inner)
        if address.is_site_local or address.scope_id:
            return False
    if (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    ):
        return False
    return address.is_global


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses only, except the hosts and networks in ``allow``."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[IPNetwork, ...] = field(default=())

    @classmethod
    def from_entries(cls, entries: Iterable[str]) -> AddressPolicy:
        hosts: set[str] = set()
        networks: list[IPNetwork] = []
        for raw in entries:
            entry = raw.strip().lower().rstrip(".")
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                hosts.add(entry)
        return cls(frozenset(hosts), tuple(networks))

    def allows(self, host: str, address: IPAddress) -> bool:
        if host.lower().rstrip(".") in self.hosts:
            return True
        if any(address in network for network in self.networks):
            return True
        return is_public(address)

    def resolve(self, host: str, port: int) -> list[str]:
        """Every address ``host`` resolves to, each one checked; :class:`BlockedAddress` if
        any is refused (a name that also resolves to an inside address is not trusted)."""
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from exc
        addresses: list[str] = []
        for info in infos:
            text = str(info[4][0])
            address = ipaddress.ip_address(text.split("%", 1)[0])
            if not self.allows(host, address) or (
                isinstance(address, ipaddress.IPv6Address) and "%" in text
            ):
                raise BlockedAddress(host, text)
            if text not in addresses:
                addresses.append(text)
        return addresses


class GuardedBackend(httpcore.SyncBackend):
    """httpcore's socket backend, connecting only to addresses the policy checked."""

    def __init__(self, policy: AddressPolicy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        options = list(socket_options or [])
        error: Exception | None = None
        for address in self.policy.resolve(host, port):
            try:
                return super().connect_tcp(address, port, timeout, local_address, options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error or httpcore.ConnectError(f"{host} has no address")


def allow_entries(value: Sequence[str] | str) -> list[str]:
    """``DIGEST_HTTP_ALLOW_HOSTS`` as a list (comma-separated in the environment)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return list(value)
