"""The sandbox's LAN address as the kernel answers it: the real code in a private network
namespace (``unshare -rn``, no root needed) with virtual Ethernet pairs named like a Docker
host's, so the routing table is a real one and the lookup's "sends nothing" is measured."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def _namespace_available() -> bool:
    if not sys.platform.startswith("linux") or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-rn", "ip", "link"], capture_output=True, check=False)
    return probe.returncode == 0


needs_namespace = pytest.mark.skipif(
    not _namespace_available(), reason="needs unshare -rn and ip (Linux user namespaces)"
)

DOCKER_HOST = """
ip link add docker0 type veth peer name docker0p
ip link add eth0 type veth peer name eth0p
for l in docker0 docker0p eth0 eth0p; do ip link set $l up; done
ip addr add 172.17.0.1/16 dev docker0
ip addr add 192.168.1.20/24 dev eth0
"""


def _in_namespace(setup: str, code: str) -> str:
    script = setup + f'\nexec "{sys.executable}" -c "$1"\n'
    done = subprocess.run(
        ["unshare", "-rn", "sh", "-ec", script, "sh", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


@needs_namespace
def test_on_a_docker_host_the_kernels_default_route_picks_eth0() -> None:
    out = _in_namespace(
        DOCKER_HOST + "ip route add default via 192.168.1.1 dev eth0\n",
        """
        from kiosk.sandbox import lan
        print(lan.default_route_address(), lan.phone_address(), lan.lan_addresses())
        """,
    )
    assert out == "192.168.1.20 192.168.1.20 ['192.168.1.20', '172.17.0.1']"


@needs_namespace
def test_with_no_route_at_all_the_lookup_says_so_and_the_guess_still_works() -> None:
    out = _in_namespace(
        DOCKER_HOST,
        """
        from kiosk.sandbox import lan
        print(lan.default_route_address(), lan.phone_address())
        """,
    )
    assert out == "None 192.168.1.20"


@needs_namespace
def test_the_route_lookup_sends_no_packet() -> None:
    # The namespace's own UDP counters: nothing else sends from it. A real datagram to the same
    # address is counted, so the counter would see one sent by the lookup.
    out = _in_namespace(
        DOCKER_HOST + "ip route add default via 192.168.1.1 dev eth0\n",
        """
        import socket
        from kiosk.sandbox import lan

        def sent():
            rows = [r.split() for r in open("/proc/net/snmp") if r.startswith("Udp:")]
            return int(rows[1][rows[0].index("OutDatagrams")])

        before = sent()
        for _ in range(50):
            lan.default_route_address()
        after_lookups = sent()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.sendto(b"x", lan.ROUTE_PROBE)
        print(after_lookups - before, sent() - after_lookups)
        """,
    )
    assert out == "0 1"
