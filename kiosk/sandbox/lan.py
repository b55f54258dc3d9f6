"""The address phones on the LAN use to reach the embedded sandbox (the host in its QR codes).

A machine has many IPv4 addresses, and the first private one is often the wrong one: Docker's
``docker0``, Hyper-V's and WSL's ``vEthernet`` switches, VirtualBox and VMware host-only adapters
and VPN tunnels are all private, and a phone on the shop's Wi-Fi can reach none of them. So:

1. the operator's choice wins: the ``sandbox_address`` setting, an IPv4 address or an interface
   name (:func:`resolve_choice`);
2. else the address of the interface the default route leaves by (:func:`default_route_address`),
   unless that interface is one of the virtual kinds above (a full-tunnel VPN takes the default
   route);
3. else the remaining candidates, best first (:func:`lan_addresses`): interfaces that are up, not
   loopback, link-local, point-to-point or virtual-looking by name; private addresses first.

Read from the interfaces (psutil) and the routing table, not from the host name, which
Debian-like systems map to 127.0.1.1. Nothing is sent anywhere.
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
from collections.abc import Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)

# Name prefixes of virtual adapters a phone cannot reach (Linux, macOS and Windows names;
# matched case-insensitively at the start of the name or of a word in a Windows friendly name).
VIRTUAL_NAMES = (
    "docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "lxc", "lxd", "cni", "flannel",
    "cali", "podman", "kube", "tun", "tap", "wg", "utun", "ppp", "ipsec", "zt", "tailscale",
    "vethernet", "hyper-v", "virtualbox", "vmware", "zerotier", "wireguard", "openvpn",
    "bridge", "awdl", "llw", "anpi",
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9-]+")

# A public address used only to ask the routing table which interface traffic would leave by.
# connect() on a UDP socket sends nothing: it looks up the route and fixes the source address
# (Linux: ip4_datagram_connect; Windows and BSD the same). Checked on Linux: 500 probes left the
# Udp OutDatagrams counter of /proc/net/snmp unchanged, and
# tests/e2e/test_portability_lan_namespace.py checks it in a network namespace of its own.
# With no route (offline) connect() fails at once with ENETUNREACH.
ROUTE_PROBE = ("8.8.8.8", 9)


@dataclass(frozen=True)
class Interface:
    """One IPv4 address of one network interface, as psutil reports it."""

    name: str
    address: str
    up: bool = True
    flags: str = ""


def is_virtual(name: str) -> bool:
    """Whether interface ``name`` looks like a container bridge, a VM switch or a VPN tunnel.

    A Windows friendly name ("vEthernet (WSL)", "VirtualBox Host-Only Network") is matched word
    by word; a Unix name (``docker0``, ``utun3``) as a whole.
    """
    lowered = name.lower()
    words = _WORD.findall(lowered) if " " in lowered or "(" in lowered else [lowered]
    return any(word.startswith(VIRTUAL_NAMES) for word in words)


def interfaces() -> list[Interface]:
    """Every IPv4 address of this machine with its interface (psutil's view)."""
    import psutil

    stats = psutil.net_if_stats()
    found = []
    for name, addresses in psutil.net_if_addrs().items():
        stat = stats.get(name)
        for address in addresses:
            if address.family == socket.AF_INET:
                found.append(
                    Interface(
                        name,
                        address.address,
                        up=stat.isup if stat is not None else True,
                        # `flags` came with psutil 5.9.3 and is empty on Windows.
                        flags=getattr(stat, "flags", "") if stat is not None else "",
                    )
                )
    return found


def _usable(interface: Interface) -> bool:
    """Up, not loopback, not link-local, not a point-to-point link (PPP, most VPNs)."""
    flags = set(interface.flags.split(","))
    if not interface.up or flags & {"loopback", "pointopoint", "pointtopoint"}:
        return False
    ip = ipaddress.IPv4Address(interface.address)
    return not (ip.is_loopback or ip.is_link_local or ip.is_unspecified)


def default_route_address() -> str | None:
    """The source address of the default route (see :data:`ROUTE_PROBE`), or None offline."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(ROUTE_PROBE)
            address = probe.getsockname()[0]
        except OSError:  # no route: offline, or only a LAN without a gateway
            return None
    return None if address in ("0.0.0.0", "") else str(address)  # noqa: S104


def rank(found: Sequence[Interface], route: str | None) -> list[str]:
    """The addresses of ``found`` a phone could reach, best first: ``route`` (the default
    route's source address) first unless virtual, then real adapters, then virtual ones; private
    addresses (the shop's Wi-Fi) before public ones within each."""
    usable = [i for i in found if _usable(i)]
    ranked = sorted(
        usable,
        key=lambda i: (is_virtual(i.name), not ipaddress.IPv4Address(i.address).is_private),
    )
    best = [i.address for i in ranked if not is_virtual(i.name)]
    if route is not None and route in best:
        best.remove(route)
        best.insert(0, route)
    ordered = best + [i.address for i in ranked if is_virtual(i.name)]
    return list(dict.fromkeys(ordered))


def lan_addresses() -> list[str]:
    """This machine's IPv4 addresses a phone on the LAN could reach, best first."""
    return rank(interfaces(), default_route_address())


def resolve_choice(choice: str, found: Sequence[Interface]) -> str | None:
    """The address the operator chose: ``choice`` itself if it is an IPv4 address, else the
    IPv4 address of the interface named ``choice`` in ``found`` (None, logged, when there is
    none: the interface is missing, down at start, or has no IPv4 address)."""
    try:
        return str(ipaddress.IPv4Address(choice))
    except ValueError:
        pass
    for interface in found:
        if interface.name.lower() == choice.lower():
            return interface.address
    names = sorted({i.name for i in found})
    log.warning(
        "sandbox_address: no interface %r with an IPv4 address (there are: %s); guessing",
        choice,
        ", ".join(names) or "none",
    )
    return None


def phone_address(choice: str = "") -> str:
    """The host phones use: the operator's choice (``sandbox_address``), else the best guess,
    else 127.0.0.1 (no network at all: only this machine can open the link)."""
    found = interfaces()
    if choice:
        chosen = resolve_choice(choice, found)
        if chosen is not None:
            return chosen
    best = rank(found, default_route_address())
    return best[0] if best else "127.0.0.1"
