"""The ``lindung`` console script: every Django management command, with the settings already chosen.

``lindung migrate``, ``lindung regions load``, ``lindung nik check 6203...``, ``lindung import FILE`` ...
"""

from __future__ import annotations

import getpass
import os
import sys

from django.core.management import execute_from_command_line


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lindung.settings")
    # Acts of Lindung itself on this run carry the command and who ran it (core.services.actor_label);
    # a command given --user acts as that account instead.
    os.environ.setdefault("LINDUNG_ACTOR_LABEL", run_label(args))
    execute_from_command_line(["lindung", *args])


def run_label(args: list[str]) -> str:
    """``sistem (lindung import, budi)``: the command of this run and the operating-system user behind it."""
    command = args[0] if args else "help"
    return f"sistem (lindung {command}, {_os_user()})"[:150]


def _os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a container user with no passwd entry
        return f"uid {os.getuid()}"


if __name__ == "__main__":
    main()
