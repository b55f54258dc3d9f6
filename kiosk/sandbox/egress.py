"""Where the sandbox may send callbacks: a guard against server-side request forgery.

A ``callbackUrl`` makes the sandbox POST to an address chosen by whoever creates the session, so
without a check it can be aimed at the cloud metadata service (169.254.169.254), at services on
the kiosk's own loopback, or at the branch's private network. The rules:

* never: link-local (which holds the metadata services), known metadata addresses and names,
  multicast, unspecified, broadcast and reserved addresses;
* loopback and private (RFC 1918, ULA, CGNAT, ...) only when ``allow_private`` is true: the
  sandbox listens on loopback alone (local development, tests) or the operator said so;
* anything else (a globally routable address) always.

The URL is checked when the session is created (:func:`check_callback_url`, 422 on refusal) and
again when the callback is sent (:func:`resolve_target`): the host name is resolved once, every
address it resolves to is checked, and the connection goes to the checked address, so a name
that re-resolves to a forbidden address later (DNS rebinding) gains nothing.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urlsplit, urlunsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata endpoints that are not link-local (those are refused as link-local anyway).
_METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean ...
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS IMDS over IPv6
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud (classic)
    )
)
_METADATA_NAMES = frozenset(
    {
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "metadata.azure.com",
        "instance-data",
        "instance-data.ec2.internal",
        "metadata.tencentyun.com",
        "metadata.packet.net",
    }
)


class ForbiddenTarget(ValueError):
    """The callback URL points where the sandbox must not send requests. The message says why."""


def classify(address: IPAddress) -> str:
    """``"forbidden"``, ``"private"`` (loopback or non-global) or ``"public"``."""
    mapped = getattr(address, "ipv4_mapped", None) or getattr(address, "sixtofour", None)
    if mapped is not None:  # ::ffff:169.254.169.254 is 169.254.169.254
        return classify(mapped)
    if (
        address in _METADATA_ADDRESSES
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
        or address == ipaddress.IPv4Address("255.255.255.255")
    ):
        return "forbidden"
    if address.is_loopback or address.is_private or not address.is_global:
        return "private"
    return "public"


def literal_address(host: str) -> IPAddress | None:
    """The address ``host`` spells, including the legacy forms a resolver accepts.

    ``2130706433``, ``0x7f.1`` and ``017700000001`` all mean 127.0.0.1 to ``getaddrinfo``; they
    are read here the same way so they cannot slip past the check as "names".
    """
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def is_loopback_host(host: str) -> bool:
    """Whether ``host`` (a name or a literal address) is this machine only: a server bound to it
    is unreachable from the network, and a plain-http URL to it never leaves the machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_address(address: IPAddress, *, allow_private: bool) -> None:
    """Raise :class:`ForbiddenTarget` unless a callback may go to ``address``."""
    kind = classify(address)
    if kind == "forbidden":
        raise ForbiddenTarget(
            "must not point to a link-local, metadata, multicast or unspecified address"
        )
    if kind == "private" and not allow_private:
        raise ForbiddenTarget(
            "must not point to a loopback or private address (allowed only when the sandbox "
            "listens on loopback alone, or with --allow-private-callbacks)"
        )


def check_callback_url(url: str, *, allow_private: bool) -> None:
    """Refuse a ``callbackUrl`` whose host is forbidden, as far as can be told without DNS."""
    host = (urlsplit(url).hostname or "").rstrip(".").lower()
    if host in _METADATA_NAMES or host.endswith(".metadata.google.internal"):
        raise ForbiddenTarget("must not point to a cloud metadata service")
    if host == "localhost" or host.endswith(".localhost"):
        check_address(ipaddress.ip_address("127.0.0.1"), allow_private=allow_private)
        return
    address = literal_address(host)
    if address is not None:
        check_address(address, allow_private=allow_private)


@dataclass(frozen=True)
class Target:
    """A callback request pinned to a checked address.

    Attributes:
        url: the URL to request: the checked address in place of the host name, no user-info.
        host_header: the original ``host[:port]``, sent as ``Host``.
        sni_hostname: the original host name, for TLS (SNI and certificate check), or None.
        auth: user-info from the URL as HTTP Basic credentials, or None.
    """

    url: str
    host_header: str
    sni_hostname: str | None
    auth: tuple[str, str] | None


async def resolve_target(url: str, *, allow_private: bool) -> Target:
    """Resolve ``url``'s host once, check every address, and pin the request to the first.

    Raises:
        ForbiddenTarget: any address is forbidden, or the name does not resolve.
    """
    check_callback_url(url, allow_private=allow_private)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = literal_address(host)
    if address is None:
        loop = asyncio.get_running_loop()
        try:
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            raise ForbiddenTarget(f"the host does not resolve ({exc.strerror})") from exc
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
        if not addresses:
            raise ForbiddenTarget("the host does not resolve")
        for each in addresses:  # all of them: a resolver may hand out any one later
            check_address(each, allow_private=allow_private)
        address = addresses[0]
    shown = f"[{address}]" if address.version == 6 else str(address)
    netloc = f"{shown}:{parts.port}" if parts.port else shown
    pinned = SplitResult(parts.scheme, netloc, parts.path, parts.query, "")
    host_header = parts.netloc.rpartition("@")[2]
    auth = None
    if parts.username is not None:
        auth = (unquote(parts.username), unquote(parts.password or ""))
    is_name = literal_address(host) is None
    return Target(
        url=urlunsplit(pinned),
        host_header=host_header,
        sni_hostname=host if parts.scheme == "https" and is_name else None,
        auth=auth,
    )


def without_userinfo(url: str) -> str:
    """``url`` with any ``user:password@`` replaced by ``***@``, for logs and messages."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable URL>"
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc="***@" + parts.netloc.rpartition("@")[2]))
