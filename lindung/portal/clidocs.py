"""Build docs/cli.md from the ``--help`` of every Lindung command, so the reference cannot drift.

    lindung clidocs > docs/cli.md      (or: make docs)

tests/portal/test_clidocs.py fails when docs/cli.md differs from what this produces.
"""

from __future__ import annotations

import argparse
import io
import os
from contextlib import redirect_stdout

from django.core.management import get_commands, load_command_class


def lindung_commands() -> list[tuple[str, str]]:
    """(command, app) for the commands Lindung itself defines, sorted by name."""
    return sorted((name, app) for name, app in get_commands().items() if app.startswith("lindung."))


def _help_texts(parser: argparse.ArgumentParser, prog: str) -> list[tuple[str, str]]:
    out = [(prog, parser.format_help())]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out += _help_texts(sub, f"{prog} {name}")
    return out


_COMMON_OPTIONS = {
    "--version",
    "--verbosity",
    "--settings",
    "--pythonpath",
    "--traceback",
    "--no-color",
    "--force-color",
    "--skip-checks",
}


def cli_markdown() -> str:
    # argparse wraps to the terminal width; fix it so the file is the same wherever it is generated.
    os.environ["COLUMNS"] = "100"
    lines = [
        "# Lindung CLI reference",
        "",
        "Generated from `--help` by `lindung clidocs`; do not edit by hand. Every command also accepts",
        "Django's common options (`--settings`, `--verbosity`, ...), left out here.",
        "",
    ]
    for name, app in lindung_commands():
        command = load_command_class(app, name)
        command.suppressed_base_arguments = _COMMON_OPTIONS
        parser = command.create_parser("lindung", name)
        for prog, text in _help_texts(parser, f"lindung {name}"):
            lines += [f"## `{prog}`", "", "```", text.rstrip(), "```", ""]
    return "\n".join(lines)


def main() -> str:
    buf = io.StringIO()
    with redirect_stdout(buf):
        print(cli_markdown())
    return buf.getvalue()
