"""Test helpers for the desk's hand-off: a loopback HTTP receiver and hook scripts."""

from __future__ import annotations

import shlex
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self


class Receiver:
    """An HTTP server on 127.0.0.1 (a free port) that records each POST and answers with the
    next code of ``codes`` (the last one repeats). ``hang``: it never answers (until closed)."""

    def __init__(self, codes: tuple[int, ...] = (200,), *, hang: bool = False) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.path_seen: list[str] = []
        self._codes = list(codes)
        self._hang = hang
        self._release = threading.Event()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with receiver._lock:
                    receiver.requests.append((dict(self.headers.items()), body))
                    receiver.path_seen.append(self.path)
                    code = (
                        receiver._codes.pop(0) if len(receiver._codes) > 1 else receiver._codes[0]
                    )
                if receiver._hang:
                    receiver._release.wait(30)
                    return
                answer = b"receiver says no\n" if code >= 400 else b"ok"
                self.send_response(code)
                if 300 <= code < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/results"

    @property
    def attempts(self) -> int:
        with self._lock:
            return len(self.requests)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def script(tmp_path: Path, name: str, body: str) -> str:
    """A Python hook script in ``tmp_path``; returns the command line that runs it."""
    path = tmp_path / f"{name}.py"
    path.write_text(body, encoding="utf-8")
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(path))}"


def recorder(tmp_path: Path, *, fail_first: int = 0) -> tuple[str, Path]:
    """A hook that writes its stdin to ``received.json`` (one file per successful run, numbered)
    and exits 1 for its first ``fail_first`` runs; returns the command and the folder."""
    out = tmp_path / "received"
    out.mkdir()
    body = f"""
import sys, pathlib
out = pathlib.Path({str(out)!r})
runs = out / "runs"
count = int(runs.read_text()) + 1 if runs.exists() else 1
runs.write_text(str(count))
data = sys.stdin.buffer.read()
if count <= {fail_first}:
    print("bank system busy", file=sys.stderr)
    sys.exit(1)
(out / f"received-{{count}}.json").write_bytes(data)
"""
    return script(tmp_path, "recorder", body), out
