"""Helpers for the sandbox security tests: raw HTTP on loopback and memory sampling."""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from urllib.parse import urlsplit

import httpx
import psutil

MB = 1024 * 1024


def address_of(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    assert parts.hostname == "127.0.0.1"  # these tests reach loopback only
    return parts.hostname, parts.port or 80


def send_chunked(
    url: str,
    path: str,
    headers: dict[str, str],
    total: int,
    chunk: int = MB,
    prefix: bytes = b"",
) -> tuple[int, bytes]:
    """POST ``total`` bytes to ``path`` as a chunked body over a raw socket.

    Returns how many body bytes the server let us send before it stopped reading (it closed
    or answered), and whatever response bytes could be read. ``prefix`` goes first (a multipart
    part's header, so the body is a well-formed upload). Bounded: 20 s socket timeout.
    """
    lines = [f"POST {path} HTTP/1.1", "Host: 127.0.0.1", "Transfer-Encoding: chunked"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    head = ("\r\n".join(lines) + "\r\n\r\n").encode()
    piece = f"{chunk:x}\r\n".encode() + b"x" * chunk + b"\r\n"
    sent = 0
    with socket.create_connection(address_of(url), timeout=20) as sock:
        try:
            sock.sendall(head)
            if prefix:
                sock.sendall(f"{len(prefix):x}\r\n".encode() + prefix + b"\r\n")
            while sent < total:
                sock.sendall(piece)
                sent += chunk
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server stopped reading: what this is about
        answer = b""
        try:
            while len(answer) < 65536:
                data = sock.recv(65536)
                if not data:
                    break
                answer += data
                if b"\r\n\r\n" in answer and _complete(answer):
                    break
        except OSError:
            pass
    return sent, answer


def _complete(answer: bytes) -> bool:
    head, _, body = answer.partition(b"\r\n\r\n")
    match = re.search(rb"content-length: (\d+)", head, flags=re.I)
    return match is not None and len(body) >= int(match.group(1))


def status_of(answer: bytes) -> int | None:
    match = re.match(rb"HTTP/1\.1 (\d{3})", answer)
    return int(match.group(1)) if match else None


@contextmanager
def peak_of(measure: Callable[[], int]) -> Iterator[dict[str, int]]:
    """Samples ``measure()`` every few milliseconds while the block runs: ``result["peak"]`` is
    the most it gave (at the start, the end and in between), ``result["growth"]`` the peak minus
    its value at the start."""
    result = {"start": measure(), "peak": 0, "growth": 0}
    result["peak"] = result["start"]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.005):
            result["peak"] = max(result["peak"], measure())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield result
    finally:
        done.set()
        sampler.join(5)
        result["peak"] = max(result["peak"], measure())
        result["growth"] = result["peak"] - result["start"]


def peak_rss(pid: int) -> AbstractContextManager[dict[str, int]]:
    """The process's RSS sampled while the block runs (see ``peak_of``)."""
    process = psutil.Process(pid)
    return peak_of(lambda: process.memory_info().rss)


def form_token(client: httpx.Client, page: str) -> str:
    """The anti-forgery token in a flow page's forms."""
    match = re.search(r'name="csrf" value="([^"]+)"', client.get(page).text)
    assert match is not None
    return match.group(1)
