"""Review: a hand-off command line with an unclosed quote is told apart when it is set."""

from __future__ import annotations

import pytest

from kiosk.core.handoff import command_problem


@pytest.mark.parametrize("line", ["", "   ", "/usr/bin/hook --x 'a b'", 'hook "C D" e'])
def test_a_readable_command_line_has_no_problem(line: str) -> None:
    assert command_problem(line) is None


@pytest.mark.parametrize("line", ["hook 'unclosed", 'hook "unclosed', "hook trailing\\"])
def test_an_unclosed_quote_is_a_problem_with_why(line: str) -> None:
    problem = command_problem(line)
    assert problem is not None and "cannot be read" in problem


def test_the_setting_refuses_an_unclosed_quote_with_the_settings_words() -> None:
    from kiosk.core.settings import SettingsError, parse

    assert parse({"handoff_command": "/usr/bin/hook --x 'a b'"}, "f")["handoff_command"]
    with pytest.raises(SettingsError, match="'handoff_command' must be a command line with its"):
        parse({"handoff_command": "hook 'unclosed"}, "settings.toml")
