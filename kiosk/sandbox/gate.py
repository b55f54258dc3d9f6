"""The sandbox's front door: every check that can be made from a request's headers is made
before a byte of its body is read, and every body is counted while it streams in.

* API paths (``/api/...``, ``/sandbox/faults``): APP-ID and APP-KEY are compared in constant
  time; a wrong pair gets 401 without the body being read.
* Flow form posts (``/flow/<token>/<action>``): a post from another site or origin gets a 403
  page; an unknown token a 404 page; a finished session, or a photo step the session is not at,
  a redirect to its page. None of them reads the body.
* Photo uploads: one at a time per session. A second upload while one is still arriving is sent
  back to the page unread; without this, the holder of one link could open a few hundred
  uploads of 15 MB each at once and fill the temporary folder (often in memory) with gigabytes.
* Size: each path has a limit (:func:`limit_for`); a declared ``Content-Length`` over it is
  refused at once, and a body without one (chunked) is counted as it arrives and refused as
  soon as it passes the limit. Nothing beyond the limit is kept in memory or on disk.

Refusals made before the body was read close the connection (``Connection: close``), so a
client cannot make the server read the rest of a body it will not use. One exception: a photo
over the limit is answered only after the rest of the upload (up to ``LINGER_BYTES``) has been
read and discarded, because a browser that is still sending when the connection closes shows a
"connection reset" error instead of the page that explains what to do.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass

from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.core.models import Status
from kiosk.sandbox import antiforgery, flow_i18n, pages
from kiosk.sandbox.store import SessionStore

MAX_JSON_BYTES = 64 * 1024
# A whole photo-step form: a 12-megapixel phone JPEG is 3-8 MB; 15 MiB leaves room for larger
# sensors and HEIC-to-JPEG conversions while bounding what a client can make us spool.
MAX_UPLOAD_BYTES = 15 * 1024 * 1024
MAX_FORM_BYTES = 8 * 1024
# Bytes read and thrown away after a too-large photo before the page is sent (see above).
LINGER_BYTES = 16 * 1024 * 1024

_FLOW_POST = re.compile(r"^/flow/([^/]+)/(captcha|start|cancel|step)$")
_CLOSE = {"Connection": "close"}


@dataclass(frozen=True)
class Credentials:
    """The APP-ID / APP-KEY pair the API paths require."""

    app_id: str
    app_key: str

    def match(self, headers: dict[bytes, bytes]) -> bool:
        """Both headers right, compared in constant time (no early exit on the first)."""
        id_ok = hmac.compare_digest(headers.get(b"app-id", b""), self.app_id.encode())
        key_ok = hmac.compare_digest(headers.get(b"app-key", b""), self.app_key.encode())
        return id_ok and key_ok


def unauthorized() -> JSONResponse:
    """The API's 401 answer."""
    body = {"error": "unauthorized", "message": "APP-ID or APP-KEY is missing or wrong."}
    return JSONResponse(body, status_code=401, headers=_CLOSE)


def _json_too_large(limit: int) -> Response:
    body = {"error": "too_large", "message": f"The body exceeds {limit} bytes."}
    return JSONResponse(body, status_code=413, headers=_CLOSE)


def limit_for(path: str, method: str) -> tuple[int, bool]:
    """The body limit for a request, and whether over-limit answers are HTML pages."""
    match = _FLOW_POST.match(path) if method == "POST" else None
    if match is None:
        return MAX_JSON_BYTES, False
    return (MAX_UPLOAD_BYTES if match.group(2) == "step" else MAX_FORM_BYTES), True


class RequestGate:
    """ASGI wrapper applying the checks above before the application sees a request.

    Args:
        app: the application.
        credentials: the accepted APP-ID / APP-KEY.
        store: the sessions, to know a flow post's token before reading its body.
        public_urls: returns the base URLs the server is reached at, for the origin check.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        credentials: Credentials,
        store: SessionStore,
        public_urls: Callable[[], list[str]],
    ) -> None:
        self.app = app
        self.credentials = credentials
        self.store = store
        self.public_urls = public_urls
        self._uploading: set[str] = set()  # tokens with a photo upload under way

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        path: str = scope["path"]
        early = self._before_body(scope, path, headers)
        if early is not None:
            await early(scope, receive, send)
            return
        upload = _FLOW_POST.match(path) if scope["method"] == "POST" else None
        if upload is None or upload.group(2) != "step":
            await self._pass(scope, receive, send, path, headers)
            return
        token = upload.group(1)
        if token in self._uploading:
            busy = pages.back(token, "photo_in_progress", _CLOSE)
            await busy(scope, receive, send)
            return
        self._uploading.add(token)
        try:
            await self._pass(scope, receive, send, path, headers)
        finally:
            self._uploading.discard(token)

    async def _pass(
        self, scope: Scope, receive: Receive, send: Send, path: str, headers: dict[bytes, bytes]
    ) -> None:
        """Hand the request to the application with its body counted against the limit."""
        limit, html = limit_for(path, scope["method"])
        lang = self._language(path, headers) if html else flow_i18n.DEFAULT
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            if html and declared.isdigit() and int(declared) <= limit + LINGER_BYTES:
                await _drain(receive, LINGER_BYTES + limit)
                await pages.too_large(limit, path, lang=lang)(scope, receive, send)
            else:
                refusal = (
                    pages.too_large(limit, path, _CLOSE, lang) if html else _json_too_large(limit)
                )
                await refusal(scope, receive, send)
            return
        body = _CountedBody(receive, send, limit, html, path, lang)
        try:
            await self.app(scope, body.receive, body.send)
        except Exception:
            if not body.refused:
                raise
            # The application failed on the cut-off body after the 413 went out: expected.

    def _before_body(self, scope: Scope, path: str, headers: dict[bytes, bytes]) -> Response | None:
        if path.startswith("/api/") or path == "/sandbox/faults":
            return None if self.credentials.match(headers) else unauthorized()
        match = _FLOW_POST.match(path) if scope["method"] == "POST" else None
        if match is None:
            return None
        token, action = match.groups()
        lang = self._language(path, headers)
        if antiforgery.cross_origin(headers, scope.get("scheme", "http"), self.public_urls()):
            return pages.forbidden(token, _CLOSE, lang)
        session = self.store.get(token)
        if session is None:
            return pages.unknown_link(_CLOSE, lang)
        if session.status.is_final:
            return RedirectResponse(f"/flow/{token}", status_code=303, headers=_CLOSE)
        if action == "step" and (
            session.status is not Status.IN_PROGRESS or session.scenario is not None
        ):
            return pages.back(token, "not_current_step", _CLOSE)
        return None

    def _language(self, path: str, headers: dict[bytes, bytes]) -> str:
        """The language of the pages refusing a request for ``path`` (``flow_i18n``)."""
        parts = path.split("/")
        session = self.store.get(parts[2]) if len(parts) > 2 and parts[1] == "flow" else None
        metadata = session.metadata if session is not None else None
        return flow_i18n.language_for(metadata, headers.get(b"accept-language"))


class _CountedBody:
    """Wraps ``receive`` to count body bytes and ``send`` to drop the application's answer once
    the gate has answered 413 itself."""

    def __init__(
        self,
        receive: Receive,
        send: Send,
        limit: int,
        html: bool,
        path: str,
        lang: str = flow_i18n.DEFAULT,
    ) -> None:
        self._receive = receive
        self._send = send
        self._limit = limit
        self._html = html
        self._path = path
        self._lang = lang
        self._seen = 0
        self._started = False
        self.refused = False

    async def receive(self) -> Message:
        if self.refused:
            return {"type": "http.disconnect"}
        message = await self._receive()
        if message["type"] == "http.request":
            self._seen += len(message.get("body", b""))
            if self._seen > self._limit:
                await self._refuse(more=message.get("more_body", False))
                return {"type": "http.disconnect"}
        return message

    async def send(self, message: Message) -> None:
        if self.refused:
            return
        if message["type"] == "http.response.start":
            self._started = True
        await self._send(message)

    async def _refuse(self, *, more: bool) -> None:
        self.refused = True
        if self._started:
            return  # the application answered already (it did not need the whole body)
        if not self._html:
            await self._send_response(_json_too_large(self._limit))
            return
        complete = not more or await _drain(self._receive, LINGER_BYTES)
        headers = None if complete else _CLOSE
        await self._send_response(pages.too_large(self._limit, self._path, headers, self._lang))

    async def _send_response(self, response: Response) -> None:
        async def no_body() -> Message:
            return {"type": "http.disconnect"}

        await response({"type": "http"}, no_body, self._send)


async def _drain(receive: Receive, most: int) -> bool:
    """Read and discard the rest of a body, at most ``most`` bytes; True if it ended."""
    seen = 0
    while seen <= most:
        message = await receive()
        if message["type"] != "http.request":
            return False
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return True
    return False
