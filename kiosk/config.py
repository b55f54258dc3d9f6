"""The configuration the program runs with: one typed object, from one set of declarations.

Settings (:class:`kiosk.core.settings.Settings`) declare their own command-line options; the
options that are not settings (the sandbox's port, the demo, the journal file ...) are declared
here, in :data:`RUN_OPTIONS`, with rules of the same kind. :func:`add_run_arguments` builds the
``kiosk run`` command line from both; :func:`from_arguments` turns parsed arguments and the
loaded settings into a :class:`KioskConfig`, every value checked (command line over environment
over file over default).
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.backend import APP_KEY_ENV, BackendConfig
from kiosk.core.rules import PACE, PORT, Rule
from kiosk.core.scenarios import DEMO_ROTATION, demo_scenarios
from kiosk.core.settings import SPECS, Settings, SettingsError, check, env_name, override
from kiosk.sandbox import DEFAULT_PORT

log = logging.getLogger("kiosk.settings")


@dataclass(frozen=True)
class Option:
    """A command-line option that is not a setting.

    Attributes:
        flag: its name on the command line.
        help: one line for ``--help`` (``%(default)s`` works).
        rule: checks the text given (None: argparse's own action decides).
        extra: further :meth:`argparse.ArgumentParser.add_argument` arguments.
    """

    flag: str
    help: str
    rule: Rule | None = None
    extra: tuple[tuple[str, Any], ...] = ()

    @property
    def dest(self) -> str:
        return self.flag.lstrip("-").replace("-", "_")


RUN_OPTIONS = (
    Option("--settings", "settings file (default: the kiosk's)", extra=(("metavar", "PATH"),)),
    Option(
        "--demo",
        "showroom mode on the sandbox: sessions start by themselves and play these scenarios "
        "in turn (default: a mix of passes and failures)",
        extra=(("nargs", "?"), ("const", ",".join(DEMO_ROTATION)), ("metavar", "SCENARIOS")),
    ),
    Option(
        "--app-key-env",
        "environment variable holding the APP-KEY (default %(default)s)",
        extra=(("default", APP_KEY_ENV), ("metavar", "NAME")),
    ),
    Option("--port", "sandbox port (default %(default)s)", PORT, (("default", DEFAULT_PORT),)),
    Option(
        "--step-seconds",
        "sandbox: pace of demo scenarios (default %(default)s)",
        PACE,
        (("default", 2.0),),
    ),
    Option("--journal", "session journal file (SQLite)", extra=(("metavar", "PATH"),)),
    Option("--no-journal", "do not record sessions", extra=(("action", "store_true"),)),
)


def add_setting_options(
    parser: argparse.ArgumentParser, keys: Iterable[str] | None = None, **extra: Any
) -> None:
    """Add the command-line option of each setting in ``keys`` (all that have one by default).

    Values stay text (no ``type=``) unless ``extra`` says otherwise: the setting's own rule
    checks them, as it checks a value from the file or the environment.
    """
    for key in SPECS if keys is None else keys:
        spec = SPECS[key]
        if spec.flag is None:
            continue
        where = f"setting {key}, {env_name(key)}"
        if spec.switch is not None:
            value = str(spec.switch).lower()
            parser.add_argument(
                spec.flag,
                dest=key,
                action="store_const",
                const=spec.switch,
                help=f"{key} = {value} ({where}: {spec.doc})",
            )
        else:
            words = f"{spec.doc} ({where}; default {_default(key)}): {spec.expect}"
            parser.add_argument(spec.flag, dest=key, metavar=key.upper(), help=words, **extra)


def _default(key: str) -> str:
    """A setting's default as it is typed on the command line (``%`` escaped for argparse)."""
    from kiosk.core.settings import DEFAULTS

    value = getattr(DEFAULTS, key)
    shown = ",".join(value) if isinstance(value, tuple) else str(value)
    return (shown or "none").replace("%", "%%")


def add_listen_option(parser: argparse.ArgumentParser, default: str, old_flag: str) -> None:
    """``--listen local|lan`` for the embedded sandbox; ``old_flag`` (``--local`` or ``--lan``,
    each command's former spelling) stays as a hidden alias so scripts keep working."""
    parser.add_argument(
        "--listen",
        choices=("local", "lan"),
        default=default,
        help="embedded sandbox: local listens on 127.0.0.1 only, lan on all interfaces so a "
        "phone on the network can open the link (default %(default)s)",
    )
    alias = old_flag.lstrip("-")
    parser.add_argument(
        old_flag, dest="listen", action="store_const", const=alias, help=argparse.SUPPRESS
    )


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``kiosk run`` (the default command): every setting's option, then the
    others. Options left out fall back to KIOSK_* variables, then the file, then defaults."""
    add_setting_options(parser)
    add_listen_option(parser, default="lan", old_flag="--local")
    for option in RUN_OPTIONS:
        parser.add_argument(option.flag, help=option.help, **dict(option.extra))


@dataclass(frozen=True)
class KioskConfig:
    """Everything the window runs with, checked.

    Attributes:
        settings: the settings in force (defaults, file, environment, command line).
        settings_path: the settings file (the operator panel edits it).
        journal: the session journal's file, or None when sessions are not recorded.
        demo: the scenarios demo mode plays in turn, or None outside demo mode.
        lan: the embedded sandbox listens on all interfaces.
        port: the embedded sandbox's port.
        step_seconds: the pace of the sandbox's scenarios.
        app_key_env: the environment variable that holds the APP-KEY.
        storage_warnings: problems with the kiosk's files, for the operator panel.
        command_line: the settings given as command-line options (whatever their value, and
            however argparse let them be spelled: ``--text-sc`` is ``--text-scale``); they stay
            over a hub's values (:func:`kiosk.fleet_settings.pinned_keys`).
    """

    settings: Settings
    settings_path: Path
    journal: Path | None = None
    demo: tuple[str, ...] | None = None
    lan: bool = True
    port: int = DEFAULT_PORT
    step_seconds: float = 2.0
    app_key_env: str = APP_KEY_ENV
    storage_warnings: tuple[str, ...] = ()
    command_line: frozenset[str] = frozenset()

    @property
    def windowed(self) -> bool:
        return not self.settings.kiosk_mode

    def backend(self) -> BackendConfig:
        """The backend to open. Raises CredentialsMissing when a configured one has no key."""
        from kiosk.backend import credentials_for

        base_url = self.settings.base_url
        credentials = (
            None
            if base_url is None
            else credentials_for(self.settings.app_id, key_env=self.app_key_env)
        )
        return BackendConfig(
            base_url,
            credentials,
            self.lan,
            self.port,
            self.step_seconds,
            allow_private_callbacks=True,
            lan_address=self.settings.sandbox_address,
        )


def from_arguments(
    args: argparse.Namespace, settings: Settings, warnings: tuple[str, ...] = ()
) -> KioskConfig:
    """The window's configuration: ``settings`` overridden by the options given in ``args``.

    Raises:
        SettingsError: an option's value is wrong (the message names it and the valid range).
        ValueError: an unknown ``--demo`` scenario (the message lists the known ones).
    """
    given = {
        key: (spec.flag, getattr(args, key))
        for key, spec in SPECS.items()
        if spec.flag is not None and getattr(args, key, None) is not None
    }
    settings = override(settings, given)
    checked = {
        option.dest: check(
            option.dest,
            option.rule,
            getattr(args, option.dest),
            f"option {option.flag}",
            f"Fix {option.flag}.",
        )
        for option in RUN_OPTIONS
        if option.rule is not None
    }
    demo = None if args.demo is None else demo_scenarios(args.demo)
    return KioskConfig(
        settings=settings,
        settings_path=settings_file(args.settings),
        journal=None if args.no_journal else journal_file(args.journal),
        demo=demo,
        lan=args.listen == "lan",
        port=checked["port"],
        step_seconds=checked["step_seconds"],
        app_key_env=args.app_key_env,
        storage_warnings=warnings,
        command_line=frozenset(given),
    )


def settings_file(given: str | None) -> Path:
    """The settings file: ``given``, or the kiosk's."""
    from kiosk import paths

    return Path(given) if given else paths.settings_path()


def journal_file(given: str | None) -> Path:
    """The session journal: ``given``, or the kiosk's."""
    from kiosk import paths

    return Path(given) if given else paths.journal_path()


def last_good(path: Path) -> Path:
    """The copy of the last settings file that loaded, kept beside it."""
    return path.with_name(path.stem + ".last-good" + path.suffix)


def load_settings(path: Path) -> Settings:
    """The settings for the window: the file's, or the last good ones (with a logged error)
    when the file is broken; keeps a copy of a file that loads as the last good one.

    Raises:
        SettingsError: the file is broken and there is no good copy.
    """
    from kiosk.core import private_files
    from kiosk.core.settings import load

    kept = last_good(path)
    try:
        settings = load(path)
    except SettingsError as problem:
        try:
            fallback = load(kept) if kept.exists() else None
        except SettingsError:
            fallback = None
        if fallback is None:
            raise
        log.error("%s -- using the last good settings from %s", problem, kept)
        return fallback
    if path.exists():
        try:
            private_files.copy(path, kept)
        except OSError as exc:  # a read-only folder: the kiosk still runs
            log.warning("could not keep a last good copy of the settings at %s (%s)", kept, exc)
    return settings
