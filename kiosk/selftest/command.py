"""``kiosk self-test``: every check a field technician needs, one line each, in about 20 s.

The checks start together, each on its own thread with its own deadline, and their lines are
printed in a fixed order as each becomes ready; the slowest path (the secrets store, then the
backend) ends within about 15 s however the machine or the server stalls. Exit status: 0 when
no check FAILs, 1 otherwise (2 for a usage error).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

from kiosk.selftest.report import Background, Result, TimedOut, fail, passed, skip

DISPLAY_SECONDS = 10.0
SECRETS_SECONDS = 5.0
BACKEND_SECONDS = 9.0
FILES_SECONDS = 3.0
_REPORT_BUG = "run `kiosk self-test -v` and report the log with this line"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """``kiosk self-test``'s options."""
    from kiosk.backend import APP_KEY_ENV
    from kiosk.config import add_listen_option

    parser.add_argument("--settings", metavar="PATH", help="settings file (default: the kiosk's)")
    parser.add_argument("--journal", metavar="PATH", help="journal file (default: the kiosk's)")
    parser.add_argument(
        "--app-key-env",
        default=APP_KEY_ENV,
        metavar="NAME",
        help="environment variable holding the APP-KEY (default %(default)s)",
    )
    add_listen_option(parser, default="lan", old_flag="--local")
    parser.add_argument(
        "--json", action="store_true", help="one JSON object instead of lines (fleet tooling)"
    )
    # The display check's child process (see kiosk.selftest.display); not for people.
    parser.add_argument("--display-probe", metavar="SCRIPTS", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    """Run every check, print the lines (or the JSON), return the exit status."""
    if args.display_probe is not None:
        from kiosk.selftest.display import probe_main

        return probe_main(args.display_probe)
    from kiosk import logs

    setup = logs.configure(args.verbose)
    if not args.verbose:  # the lines say it all; a library's warnings would only interleave
        for handler in setup.handlers:
            handler.setLevel(logging.ERROR)
    try:
        results = run_checks(args, None if args.json else _print_line)
    finally:
        setup.remove()
    if args.json:
        print(json.dumps(as_json(results), indent=2, ensure_ascii=False))
    return 0 if passed(results) else 1


def _print_line(result: Result) -> None:
    print(result.line(), flush=True)


def run_checks(
    args: argparse.Namespace, show: Callable[[Result], None] | None = None
) -> list[Result]:
    """Every check's result, in order; ``show`` gets each line as soon as it is ready."""
    from kiosk import paths
    from kiosk.config import journal_file, settings_file
    from kiosk.selftest.display import check_display
    from kiosk.selftest.local import check_disk, check_journal, check_settings
    from kiosk.selftest.secrets_check import check_secrets

    environ = dict(os.environ)
    settings_result, settings = check_settings(settings_file(args.settings), environ)
    journal = journal_file(args.journal)
    display = Background(
        lambda: check_display(settings.language, environ, DISPLAY_SECONDS), DISPLAY_SECONDS + 1
    )
    secrets = Background(lambda: check_secrets(settings, args.app_key_env), SECRETS_SECONDS)
    files = Background(lambda: check_journal(journal), FILES_SECONDS)
    disk = Background(
        lambda: check_disk([("journal", journal.parent), ("logs", paths.log_dir())]),
        FILES_SECONDS,
    )
    closers: list[Callable[[], None]] = []

    def backend() -> list[Result]:
        if settings.base_url is None:  # the sandbox's credentials are generated: no wait
            from kiosk.selftest.sandbox_check import check_sandbox

            lines, close = check_sandbox(settings, args.listen == "lan", BACKEND_SECONDS)
            closers.append(close)
            return lines
        from kiosk.selftest.network import check_remote

        try:
            credentials = secrets.result()[1]
        except Exception:  # the secrets line says why; the server is still checked
            credentials = None

        return check_remote(settings.base_url, credentials, BACKEND_SECONDS - 1)

    remote = Background(backend, SECRETS_SECONDS + BACKEND_SECONDS + 1)
    steps: list[tuple[Sequence[str], Callable[[], list[Result]]]] = [
        (("display", "fonts"), display.result),
        (("settings",), lambda: [settings_result]),
        (("secrets",), lambda: [secrets.result()[0]]),
        (("journal",), lambda: [files.result()]),
        (("backend", "credentials", "clock"), remote.result),
        (("disk",), lambda: [disk.result()]),
    ]
    results: list[Result] = []
    try:
        for names, get in steps:
            for result in _collect(names, get):
                results.append(result)
                if show is not None:
                    show(result)
    finally:
        for close in closers:
            close()
    return results


def _collect(names: Sequence[str], get: Callable[[], list[Result]]) -> list[Result]:
    """The lines of one step; a step that hangs or breaks FAILs its first line, skips the rest."""
    try:
        return get()
    except TimedOut as exc:
        first = fail(names[0], str(exc), "run `kiosk self-test -v`; see the log for where it hangs")
    except Exception as exc:
        logging.getLogger(__name__).debug("self-test step %s failed", names[0], exc_info=True)
        first = fail(names[0], f"the check broke ({type(exc).__name__}: {exc})", _REPORT_BUG)
    return [first, *(skip(name, f"not checked: the {names[0]} check failed") for name in names[1:])]


def as_json(results: Sequence[Result]) -> dict[str, Any]:
    """The ``--json`` document: whether it passed, and each check's status, detail and fix."""
    return {"passed": passed(results), "checks": [r.as_dict() for r in results]}
