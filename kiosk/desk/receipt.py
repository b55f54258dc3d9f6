"""The desk's one-page PDF receipt of a verification (issue 13, point 5).

Drawn from a :func:`kiosk.core.result_summary.summarize` summary with Qt's own PDF writer
(:class:`QPdfWriter` and a :class:`QTextDocument`): title, verdict or ending, reference, each
check with its score and threshold, reasons, advice, the ids, the times in local time with the
zone, the desk's name. The summary holds no token, URL or key, so neither does the receipt.

Every value is HTML-escaped before it enters the document: reasons and ids are the server's
text, and a reason such as ``<img src=...>`` must print as those characters, not as markup.
The page is A4; a document taller than the page is scaled down to fit, so the receipt is
always one page. The file is written beside the target and moved over it (``os.replace``):
a failed save never leaves half a PDF under the chosen name.

Needs a :class:`QGuiApplication` (fonts) and runs on the GUI thread.
"""

from __future__ import annotations

import contextlib
import html
import math
import os
import secrets
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import (
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextOption,
)

from kiosk.ui.reasons import translate_reason

RESOLUTION = 300
"""Dots per inch of the PDF's coordinates (text stays vector; this is placement precision)."""

MARGIN_MM = 18.0


# The receipt follows the desk's language (the bank's records are read by its staff). Each
# string is a literal in translate("Receipt", ...): pyside6-lupdate reads only literals.
translate = QCoreApplication.translate


def write_receipt(summary: Mapping[str, Any], path: Path) -> None:
    """Write the receipt of ``summary`` to ``path`` as a one-page A4 PDF.

    The file gets the usual permissions of a saved document (0666 less the umask).

    Raises:
        OSError: the folder cannot be written or Qt could not produce the PDF (the message
            says which; nothing is left under ``path`` or beside it).
    """
    target = Path(path)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # O_EXCL: never write through a file (or link) someone placed under the temporary name.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), 0o666)
    os.close(fd)
    try:
        _render(summary, temp)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def receipt_html(summary: Mapping[str, Any]) -> str:
    """The receipt's content as HTML, every value escaped (exposed for the desk's preview)."""
    rows = [
        (translate("Receipt", "Reference"), _value(summary.get("reference"))),
        (translate("Receipt", "Session id"), _value(summary.get("session_id"))),
        (translate("Receipt", "Matched template id"), _value(summary.get("search_template_id"))),
        (translate("Receipt", "Enrolled template id"), _value(summary.get("enrolled_template_id"))),
        (translate("Receipt", "Started"), local_time(summary.get("started_at"))),
        (translate("Receipt", "Ended"), local_time(summary.get("ended_at"))),
        (translate("Receipt", "Server status"), _value(summary.get("status"))),
    ]
    if summary.get("kiosk"):
        rows.append((translate("Receipt", "Desk"), _value(summary.get("kiosk"))))
    details = "".join(
        f"<tr><td class='k'>{_esc(label)}</td><td>{_esc(value)}</td></tr>" for label, value in rows
    )
    title = translate("Receipt", "Identity verification receipt")
    parts = [
        f"<h1>{_esc(title)}</h1>",
        f"<p class='verdict' style='color: {_verdict_colour(summary)};'>"
        f"{_esc(verdict_text(summary))}</p>",
        f"<table class='details' cellspacing='0' cellpadding='3'>{details}</table>",
        _checks_html(summary.get("checks")),
        _list_html(translate("Receipt", "Reasons"), summary.get("reasons")),
        _list_html(translate("Receipt", "Quality advice"), summary.get("advice")),
        _error_html(summary.get("error")),
        f"<p class='foot'>{_esc(_printed_line(summary))}</p>",
    ]
    style = (
        "body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }"
        "h1 { font-size: 16pt; } h2 { font-size: 12pt; margin-top: 12px; }"
        ".verdict { font-size: 22pt; font-weight: bold; }"
        "td.k { color: #444444; padding-right: 12px; }"
        "th { text-align: left; background: #eeeeee; }"
        ".foot { color: #666666; font-size: 8pt; margin-top: 18px; }"
    )
    return f"<html><head><style>{style}</style></head><body>{''.join(parts)}</body></html>"


def verdict_text(summary: Mapping[str, Any]) -> str:
    """The receipt's headline: PASS / FAIL, or how the session ended."""
    verdict = summary.get("verdict")
    if verdict == "PASS":
        return translate("Receipt", "PASS: identity verified")
    if verdict == "FAIL":
        return translate("Receipt", "FAIL: identity not verified")
    ending = summary.get("ending")
    endings = {
        "expired": translate("Receipt", "Ended: the link expired"),
        "canceled": translate("Receipt", "Ended: canceled by the customer"),
        "failed": translate("Receipt", "Ended: the verification failed"),
        "error": translate("Receipt", "Ended: the desk could not get an answer"),
    }
    return endings.get(str(ending), translate("Receipt", "Not finished"))


def _verdict_colour(summary: Mapping[str, Any]) -> str:
    """Dark green or dark red (readable in grey print too), else dark grey."""
    return {"PASS": "#1b5e20", "FAIL": "#b71c1c"}.get(str(summary.get("verdict")), "#333333")


def _printed_line(summary: Mapping[str, Any]) -> str:
    printed = local_time(datetime.now().astimezone().isoformat(timespec="seconds"))
    producer = summary.get("producer")
    line = translate("Receipt", "Printed %1").replace("%1", printed)
    return f"{line} · {producer}" if isinstance(producer, str) and producer else line


def local_time(iso: object) -> str:
    """An ISO 8601 time shown in this computer's local time with its zone, e.g.
    ``2026-11-26 10:30:00 CET (UTC+01:00)``; "-" when missing or unreadable."""
    if not isinstance(iso, str):
        return "-"
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return "-"
    if moment.tzinfo is None:
        return "-"
    local = moment.astimezone()
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    name = local.tzname() or ""
    shown = zone if not name or (name == "UTC" and minutes == 0) else f"{name} ({zone})"
    return f"{local:%Y-%m-%d %H:%M:%S} {shown}"


def _checks_html(checks: object) -> str:
    if not isinstance(checks, list) or not checks:
        return ""
    head = "".join(
        f"<th>{_esc(h)}</th>"
        for h in (
            translate("Receipt", "Check"),
            translate("Receipt", "Result"),
            translate("Receipt", "Score"),
            translate("Receipt", "Threshold"),
        )
    )
    rows = []
    for check in checks:
        if not isinstance(check, Mapping):
            continue
        passed = check.get("passed")
        result = (
            translate("Receipt", "passed")
            if passed is True
            else translate("Receipt", "failed")
            if passed is False
            else translate("Receipt", "-")
        )
        cells = (
            _scope_label(check.get("scope")),
            result,
            _number(check.get("score")),
            _threshold(check),
        )
        rows.append("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in cells) + "</tr>")
    title = translate("Receipt", "Checks")
    return (
        f"<h2>{_esc(title)}</h2>"
        f"<table class='checks' width='100%' cellspacing='0' cellpadding='4' border='1'"
        f" style='border-collapse: collapse; border-color: #999999;'>"
        f"<tr>{head}</tr>{''.join(rows)}</table>"
    )


def _scope_label(scope: object) -> str:
    labels = {
        "liveness": translate("Receipt", "Liveness"),
        "deepfake": translate("Receipt", "Deepfake"),
        "enroll": translate("Receipt", "Enrolment"),
        "search": translate("Receipt", "Face match"),
    }
    return labels.get(str(scope), _value(scope))


def _threshold(check: Mapping[str, Any]) -> str:
    basis = check.get("threshold_basis")
    limit = _number(check.get("threshold"))
    if basis == "vendor_flag":
        return translate("Receipt", "vendor's own pass flag")
    if basis == "vendor_flag_and_minimum":
        return translate("Receipt", "at least %1 and the vendor's pass flag").replace("%1", limit)
    if basis == "minimum":
        return translate("Receipt", "at least %1").replace("%1", limit)
    if basis == "template_created":
        return translate("Receipt", "a template is created")
    return limit


def _list_html(title: str, items: object) -> str:
    if not isinstance(items, list) or not items:
        return ""
    # The verdict's reasons and tips in the receipt's language (the kiosk's own translations).
    entries = "".join(f"<li>{_esc(translate_reason(_value(item)))}</li>" for item in items)
    return f"<h2>{_esc(title)}</h2><ul>{entries}</ul>"


def _error_html(error: object) -> str:
    if not isinstance(error, Mapping):
        return ""
    title = translate("Receipt", "Error")
    return f"<h2>{_esc(title)}</h2><p>{_esc(_value(error.get('message')))}</p>"


def _number(value: object) -> str:
    """A score or threshold to four decimals at most (0.91, 0.7496), "-" when none."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "-"
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _value(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _render(summary: Mapping[str, Any], file_name: Path) -> None:
    writer = QPdfWriter(str(file_name))
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter
    )
    writer.setTitle(translate("Receipt", "Identity verification receipt"))
    writer.setCreator("verification-kiosk")

    document = QTextDocument()
    # Fonts measured at the writer's resolution, so points on paper are points.
    document.documentLayout().setPaintDevice(writer)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)  # long ids wrap
    document.setDefaultTextOption(option)
    document.setHtml(receipt_html(summary))
    width, height = writer.width(), writer.height()
    document.setTextWidth(width)

    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"Qt could not open {file_name.name} to write the receipt")
    try:
        scale = _fitting_scale(document, width, height)
        if scale < 1.0:
            painter.scale(scale, scale)
        document.drawContents(painter)
    finally:
        ended = painter.end()
    if not ended:
        raise OSError(f"Qt could not finish writing the receipt {file_name.name}")


def _fitting_scale(document: QTextDocument, width: float, height: float) -> float:
    """The scale at which ``document`` fits one page (1.0 when it already does), with the
    document laid out for it. Never a second page: a receipt with very many reasons is
    printed smaller instead. Shrinking widens the text, which shortens it, so the first
    guess (by area) is refined in small steps."""
    needed = document.size().height()
    if needed <= height:
        return 1.0
    scale = math.sqrt(height / needed)
    while True:
        document.setTextWidth(width / scale)
        if document.size().height() * scale <= height or scale < 0.05:
            return scale
        scale *= 0.95
