"""Which screen the desk's ``desk_customer_screen`` setting names, among the screens there are.

The value is empty (no customer screen), a number counted from 1 in the order the system lists
its screens (``"2"``: the second), or a screen's name as the system gives it (``QScreen.name()``,
e.g. ``HDMI-1``). Qt-free, so the rule is tested without a display.
"""

from __future__ import annotations

from collections.abc import Sequence


def pick(spec: str, names: Sequence[str]) -> int | None:
    """The index in ``names`` (the screens, in the system's order) that ``spec`` chooses, or
    None: no screen wanted, or the one wanted is not there (unplugged, a number past the
    last). A name matches exactly first, then ignoring case (``hdmi-1`` for ``HDMI-1``)."""
    spec = spec.strip()
    if not spec:
        return None
    if spec.isdecimal():
        number = int(spec)
        return number - 1 if 1 <= number <= len(names) else None
    if spec in names:
        return list(names).index(spec)
    folded = [name.casefold() for name in names]
    if spec.casefold() in folded:
        return folded.index(spec.casefold())
    return None


def spec_for(index: int, names: Sequence[str]) -> str:
    """The value that chooses ``names[index]``: its name when the system gives screens
    distinct names (a name survives a change of the screens' order), else its number."""
    name = names[index]
    if name and not name.isdecimal() and list(names).count(name) == 1:
        return name
    return str(index + 1)


__all__ = ["pick", "spec_for"]
