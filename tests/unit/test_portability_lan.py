"""The address in the sandbox's QR codes: the interface phones can reach, not docker0 or a VPN.

These describe machines that are not this one, through psutil; the kernel's own answers are in
tests/e2e/test_portability_lan_namespace.py.
"""

from __future__ import annotations

import argparse
import logging
import socket
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest

from kiosk.config import add_run_arguments, from_arguments
from kiosk.core.settings import DEFAULTS, SettingsError, load
from kiosk.sandbox import lan
from kiosk.sandbox.server import public_host_for

ROOT = Path(__file__).resolve().parents[2]


def _machine(
    monkeypatch: pytest.MonkeyPatch,
    adapters: dict[str, tuple[str, str]],
    route: str | None,
) -> None:
    """psutil and the route lookup as on a machine with ``adapters`` (name: address, flags)."""
    addrs = {
        name: [SimpleNamespace(family=socket.AF_INET, address=address)]
        for name, (address, _) in adapters.items()
    }
    stats = {
        # Windows reports no flags: up is all the test machines' Windows adapters are.
        name: SimpleNamespace(isup=not flags or "up" in flags.split(","), flags=flags)
        for name, (_, flags) in adapters.items()
    }
    monkeypatch.setattr(psutil, "net_if_addrs", lambda: addrs)
    monkeypatch.setattr(psutil, "net_if_stats", lambda: stats)
    monkeypatch.setattr(lan, "default_route_address", lambda: route)


UP = "up,broadcast,running,multicast"
# A developer's laptop: Docker (listed first, as psutil often does), the Wi-Fi, and a VPN.
LAPTOP = {
    "docker0": ("172.17.0.1", UP),
    "br-5e1f0a": ("172.18.0.1", UP),
    "lo": ("127.0.0.1", "up,loopback,running"),
    "wlan0": ("192.168.1.20", UP),
    "tun0": ("10.8.0.6", "up,pointopoint,running,noarp,multicast"),
}


def test_the_default_routes_interface_wins_over_docker_and_the_vpn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _machine(monkeypatch, LAPTOP, route="192.168.1.20")
    assert lan.phone_address() == "192.168.1.20"
    assert public_host_for("0.0.0.0") == "192.168.1.20"  # noqa: S104 - a name, nothing is bound
    # Docker's bridges stay listed (the sandbox's banner shows them), last; the tunnel does not.
    assert lan.lan_addresses() == ["192.168.1.20", "172.17.0.1", "172.18.0.1"]


def test_offline_the_real_adapter_still_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    _machine(monkeypatch, LAPTOP, route=None)  # no default route: a shop LAN with no gateway
    assert lan.phone_address() == "192.168.1.20"


def test_a_full_tunnel_vpn_on_the_default_route_is_passed_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _machine(monkeypatch, LAPTOP, route="10.8.0.6")
    assert lan.phone_address() == "192.168.1.20"


def test_of_two_real_adapters_the_default_routes_comes_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    adapters = {"enp3s0": ("10.0.0.5", UP), "wlp2s0": ("192.168.1.20", UP)}
    _machine(monkeypatch, adapters, route="192.168.1.20")
    assert lan.phone_address() == "192.168.1.20"


def test_windows_virtual_switches_are_recognised_by_their_friendly_names(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    adapters = {  # psutil gives Windows no flags
        "vEthernet (WSL)": ("172.29.160.1", ""),
        "VirtualBox Host-Only Network": ("192.168.56.1", ""),
        "VMware Network Adapter VMnet8": ("192.168.153.1", ""),
        "Ethernet 2": ("192.168.0.42", ""),
        "Loopback Pseudo-Interface 1": ("127.0.0.1", ""),
    }
    _machine(monkeypatch, adapters, route=None)
    assert lan.phone_address() == "192.168.0.42"
    assert not lan.is_virtual("Wi-Fi")
    assert not lan.is_virtual("Ethernet")


def test_down_and_link_local_adapters_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    adapters = {
        "eth0": ("192.168.1.20", "broadcast,multicast"),  # cable out
        "eth1": ("169.254.10.20", UP),  # no DHCP answer
    }
    _machine(monkeypatch, adapters, route=None)
    assert lan.phone_address() == "127.0.0.1"  # only this machine can open the link


def test_the_operators_choice_overrides_the_guess(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    _machine(monkeypatch, LAPTOP, route="192.168.1.20")
    assert lan.phone_address("10.1.2.3") == "10.1.2.3"
    assert lan.phone_address("docker0") == "172.17.0.1"  # an interface, by name
    assert lan.phone_address("WLAN0") == "192.168.1.20"  # Windows names are case-insensitive
    with caplog.at_level(logging.WARNING):
        assert lan.phone_address("eth9") == "192.168.1.20"  # not there: the guess
    assert "no interface 'eth9'" in caplog.text and "wlan0" in caplog.text


@pytest.mark.parametrize("value", ["10.0.0.5", "eth0", "Wi-Fi", "vEthernet (Default Switch)", ""])
def test_the_setting_takes_an_address_or_an_interface_name(value: str) -> None:
    assert load(None, {"KIOSK_SANDBOX_ADDRESS": value}).sandbox_address == value


@pytest.mark.parametrize("value", ["fe80::1", "0.0.0.0", "192.168.1", "eth0\x1b[2J"])  # noqa: S104
def test_the_setting_refuses_what_phones_cannot_use(value: str) -> None:
    with pytest.raises(SettingsError, match="'sandbox_address' must be empty, an IPv4 address"):
        load(None, {"KIOSK_SANDBOX_ADDRESS": value})


def test_kiosk_run_passes_the_option_to_the_embedded_sandbox() -> None:
    parser = argparse.ArgumentParser()
    add_run_arguments(parser)
    args = parser.parse_args(["--sandbox-address", "wlan0", "--no-journal"])
    config = from_arguments(args, DEFAULTS)
    assert config.backend().lan_address == "wlan0"
