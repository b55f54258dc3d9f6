"""A command line as a setting holds it (``handoff_command``): split the way its platform's
users write it, and checked when it is set. Light on purpose: the settings' rules import it at
every start, before any window."""

from __future__ import annotations

import os
import shlex


def split_command(command: str, *, posix: bool = os.name == "posix") -> list[str]:
    """The command line as an argument list, the way its platform's users write it: POSIX
    shell quoting on POSIX; on Windows, double quotes around an argument with spaces
    (``"C:\\Program Files\\hook.exe" --x``), which non-POSIX ``shlex`` keeps and are
    removed here (left in, Popen would quote them again).

    Raises:
        ValueError: an unclosed quote.
    """
    args = shlex.split(command, posix=posix)
    if posix:
        return args
    return [a[1:-1] if len(a) >= 2 and a[0] == a[-1] == '"' else a for a in args]


def command_problem(command: str) -> str | None:
    """Why the ``handoff_command`` setting cannot be run, or None when it can be split into a
    program and its arguments (empty is fine: no command). For the settings' check, so that a
    line with an unclosed quote is refused when it is set rather than failing every hand-off."""
    if not command.strip():
        return None
    try:
        args = split_command(command)
    except ValueError as exc:  # shlex: "No closing quotation", "No escaped character"
        return f"the command line cannot be read ({exc}); check its quotes"
    if not args:
        return "the command line names no program"
    return None
