from pathlib import Path

from lindung.portal.clidocs import cli_markdown, lindung_commands

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_reference_is_generated_from_help_and_up_to_date():
    # Compared without trailing newlines: the command's stdout adds one only when the text lacks it.
    assert DOCS.read_text().rstrip("\n") == cli_markdown().rstrip("\n"), (
        "docs/cli.md is stale: run `make docs`"
    )


def test_every_lindung_command_is_documented():
    text = DOCS.read_text()
    names = [name for name, _ in lindung_commands()]
    assert {"regions", "nik", "demo"} <= set(names)
    for name in names:
        assert f"## `lindung {name}`" in text
