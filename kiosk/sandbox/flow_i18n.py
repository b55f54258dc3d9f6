"""The flow page's languages: one catalog of strings per language, and which language a page
is shown in.

Each shipped language is a flat JSON object in ``resources/flow/i18n/<code>.json`` (an ISO 639-1
code), key to text; ``{name}`` marks a value filled in when the page is built (``str.format``).
English is the reference: every other catalog has exactly its keys and, per key, the same
placeholders (a test checks both). The catalogs are loaded once, at import, and checked then, so
a broken catalog stops the server at start rather than a page at run time.

A page's language is the one the kiosk asked for when it created the session
(``metadata.language``), if it is shipped; else the phone's best ``Accept-Language`` whose
primary subtag is shipped; else English. The header is client text: only its first
``MAX_ACCEPT_CHARS`` characters and ``MAX_ACCEPT_ITEMS`` entries are looked at, and any entry that
is not a well-formed language range with a well-formed q-value is skipped.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from kiosk import resources

DEFAULT = "en"
SHIPPED: tuple[str, ...] = ("en", "es", "fr", "de", "ar")
_RTL = frozenset({"ar"})

# Far beyond any real browser's header (Chrome sends under 100 characters), small enough that a
# hostile one costs nothing to look at.
MAX_ACCEPT_CHARS = 1024
MAX_ACCEPT_ITEMS = 32

Direction = Literal["ltr", "rtl"]

_RANGE = re.compile(r"^(?:\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$")
_QVALUE = re.compile(r"^[qQ]=(0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$")


class CatalogError(ValueError):
    """A shipped catalog is not a flat object of strings."""


@dataclass(frozen=True)
class Catalog:
    """One language's strings."""

    language: str
    strings: Mapping[str, str]

    @property
    def direction(self) -> Direction:
        """The text direction for ``<html dir>``."""
        return "rtl" if self.language in _RTL else "ltr"

    def text(self, key: str, /, **values: object) -> str:
        """The string for ``key`` with its ``{placeholders}`` filled from ``values``.

        A missing key is a KeyError (a programming error the tests catch), not an empty string.
        Values are inserted as they are; the templates escape the result when they print it.
        """
        template = self.strings[key]
        return template.format(**values) if values else template


def placeholders(text: str) -> frozenset[str]:
    """The ``{names}`` a catalog string expects."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def _load(language: str) -> Catalog:
    data: Any = json.loads(resources.text(f"flow/i18n/{language}.json"))
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in data.items()
    ):
        raise CatalogError(f"flow/i18n/{language}.json is not a flat object of strings")
    return Catalog(language, dict(data))


CATALOGS: dict[str, Catalog] = {code: _load(code) for code in SHIPPED}


def catalog(language: str) -> Catalog:
    """The catalog for a shipped ``language``; English for anything else."""
    return CATALOGS.get(language, CATALOGS[DEFAULT])


def shipped(tag: object) -> str | None:
    """The shipped language a tag names by its primary subtag ("fr-CH" is "fr"), or None."""
    if not isinstance(tag, str) or not _RANGE.match(tag) or tag == "*":
        return None
    primary = tag.split("-", 1)[0].lower()
    return primary if primary in CATALOGS else None


def from_accept_language(header: str | bytes | None) -> str | None:
    """The shipped language the phone prefers most, from its ``Accept-Language``; None if none.

    RFC 9110 section 12.5.4: entries are ``range[;q=value]`` separated by commas; the highest q
    wins, ties in the order given; q=0 means "not this one". ``*`` adds nothing here (the
    default is English anyway).
    """
    if header is None:
        return None
    if isinstance(header, bytes):
        header = header[:MAX_ACCEPT_CHARS].decode("latin-1")
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate(header[:MAX_ACCEPT_CHARS].split(",")[:MAX_ACCEPT_ITEMS]):
        tag, *params = (part.strip() for part in item.split(";"))
        weight = 1.0
        if params:
            match = _QVALUE.match(params[0])
            if match is None or len(params) > 1:
                continue
            weight = float(match.group(1))
        language = shipped(tag)
        if language is not None and weight > 0:
            ranked.append((-weight, position, language))
    return min(ranked)[2] if ranked else None


def language_for(metadata: Mapping[str, Any] | None, accept_language: str | bytes | None) -> str:
    """The language a session's page is shown in: the kiosk's ``metadata.language`` if shipped,
    else the phone's ``Accept-Language``, else English."""
    asked = shipped((metadata or {}).get("language"))
    return asked or from_accept_language(accept_language) or DEFAULT
