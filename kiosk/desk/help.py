"""The desk's short help (F1), its question before quitting with live sessions, and a safe
file name for a receipt."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget


class DeskHelp(QObject):
    """The help's and the quit question's words. A class so that pyside6-lupdate files its
    ``tr()`` calls under one context, "DeskHelp", with the plural forms of the question
    (lupdate reads plural forms only from ``tr()``, not from ``QCoreApplication.translate``)."""

    def text(self, limit: int) -> str:
        """The help (rich text); ``limit`` is the most live sessions."""
        return self.tr(
            """<h3>Operator desk</h3>
<p><b>New verification</b> (Ctrl+N): type the customer number or case id (optional), tick the
checks, press Start. The customer scans the code shown here (or on the customer screen) with
their phone.</p>
<p>Several verifications can run at once (at most %1); the list shows each one's reference,
status, step and time left. Select one to see its code while it runs and its full result once
it is finished.</p>
<p><b>Copy ids</b> (Ctrl+C), <b>Copy JSON summary</b> and <b>Save receipt</b> record the result
in your own systems. A session that failed can be started again or removed from the list.</p>
<p>More: docs/DESK.md in the kiosk's documentation.</p>"""
        ).replace("%1", str(limit))

    def quit_title(self) -> str:
        return self.tr("Quit the desk")

    def quit_question(self, live: int) -> str:
        return self.tr("%n verification(s) still running will be stopped. Quit anyway?", "", live)


def help_text(limit: int) -> str:
    """The help (rich text) in the desk's language; ``limit`` is the most live sessions."""
    return DeskHelp().text(limit)


def ask_to_quit(parent: QWidget, live: int) -> bool:
    """Ask whether to quit with ``live`` sessions still running."""
    words = DeskHelp()
    answer = QMessageBox.question(parent, words.quit_title(), words.quit_question(live))
    return answer == QMessageBox.StandardButton.Yes


def safe_file_name(name: str, limit: int = 100) -> str:
    """A file name from a reference: letters, digits, dot, dash and underscore only (a
    reference may hold slashes or characters a file system refuses), at most ``limit``
    characters: the stem is cut, the suffix (``.pdf``) kept (a 128-character session id
    named the receipt without its ``.pdf`` otherwise)."""
    safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
    stem, dot, suffix = safe.rpartition(".")
    if not dot or not stem or len(suffix) > 8:
        return safe[:limit]
    return f"{stem[: max(1, limit - len(suffix) - 1)]}.{suffix}"
