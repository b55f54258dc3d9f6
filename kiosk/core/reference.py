"""The reference an employee types for a desk verification (a customer number, a case id).

It goes into the session's ``metadata.reference``, the journal, the receipt and the hand-off,
so it is checked once, here, where it enters: at most :data:`MAX_LENGTH` characters, printable
(no control characters, no bidi overrides, no line breaks), spaces around it dropped. Every
space separator (Unicode category Zs: the no-break space U+00A0 a web page or a spreadsheet
pastes, the narrow one U+202F of French numbers ...) becomes a plain space first: it is a
space to the employee, and one kind of space keeps the journal searchable. Empty means "no
reference" (the field is optional).
"""

from __future__ import annotations

import unicodedata

MAX_LENGTH = 64
"""The longest reference: a customer number or a case id, with room to spare; a longer text is
more likely a paste gone wrong than an id."""

# Format characters (Cf: bidi overrides, zero-width joiners ...) make text read differently
# from what it is; str.isprintable() refuses most of them but not every one.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


class BadReference(ValueError):
    """The reference cannot be used; ``str()`` says why, for the employee."""


def check_reference(text: str) -> str | None:
    """The reference to use for ``text``: its spaces plain, stripped; None when empty.

    Raises:
        BadReference: too long, or holds a character that is not printable.
    """
    value = "".join(" " if unicodedata.category(c) == "Zs" else c for c in text).strip()
    if not value:
        return None
    if len(value) > MAX_LENGTH:
        raise BadReference(
            f"The reference is {len(value)} characters long; use at most {MAX_LENGTH}."
        )
    for char in value:
        if not char.isprintable() or unicodedata.category(char) in _REFUSED_CATEGORIES:
            raise BadReference(
                f"The reference holds a character that cannot be shown (U+{ord(char):04X}), "
                "often pasted along with it; type the reference again."
            )
    return value
