"""The README is a newcomer's only guide: it must name every option of `kiosk run` and use
the one spelling of commands that works right after setup."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from kiosk.cli import build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def test_every_option_of_run_is_in_the_readme() -> None:
    parser = build_parser("run")
    (run,) = (
        action.choices["run"]
        for action in parser._actions
        if getattr(action, "choices", None) and "run" in action.choices
    )
    options = {
        option
        for action in run._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help" and action.help != argparse.SUPPRESS
    }
    missing = sorted(option for option in options if f"`{option}" not in README)
    assert missing == []


def test_commands_are_spelled_the_way_that_works_after_setup() -> None:
    # `kiosk` is not on PATH after scripts/run.sh's setup; only the package installs it there.
    bare = re.findall(
        r"^\s*kiosk (?:run|verify|journal|settings|secrets|sandbox|self-test)\b", README, re.M
    )
    inline = re.findall(r"`kiosk (?:run|verify|journal|settings|secrets|self-test)[^`]*`", README)
    assert bare == [] and inline == []
