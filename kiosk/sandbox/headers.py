"""Security headers on every sandbox response, and the API explorer's own, wider policy.

The flow page's URL carries the session token, so nothing may send it on: no Referer
(``Referrer-Policy: no-referrer``), no third-party resources, no script, no framing. The one
policy below fits the flow page (styles from its own stylesheet, inline SVG and ``data:``
images, forms to itself) and is stricter than any JSON answer needs.
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
_COMMON = [
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
]
_CDN = "https://cdn.jsdelivr.net"


class SecurityHeaders:
    """ASGI wrapper adding the headers to every response; a response that brings its own
    ``Content-Security-Policy`` (the API explorer) keeps it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                headers += [(n, v) for n, v in _COMMON if n not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", CONTENT_SECURITY_POLICY.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def api_explorer(openapi_url: str, title: str) -> HTMLResponse:
    """FastAPI's Swagger UI page with a policy that allows exactly its CDN files and its one
    inline script (by hash), and nothing else."""
    page = get_swagger_ui_html(openapi_url=openapi_url, title=title)
    body = bytes(page.body).decode()
    inline = re.findall(r"<script>(.*?)</script>", body, flags=re.S)
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in inline
    )
    policy = (
        f"default-src 'none'; script-src {_CDN} {hashes}; style-src {_CDN}; "
        "img-src 'self' data: https://fastapi.tiangolo.com; connect-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
    )
    return HTMLResponse(body, headers={"Content-Security-Policy": policy})
