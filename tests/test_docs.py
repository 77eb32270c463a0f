"""The README documents every command, and every command has help with an example."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from graphbuild.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_is_in_the_readme(name):
    assert f"graphbuild {name}" in README


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_docs_every_command_has_help(name):
    res = CliRunner().invoke(cli, [name, "--help"])
    assert res.exit_code == 0 and len(res.output) > 200


def test_docs_readme_shows_the_two_commands():
    assert "make demo" in README and "make test" in README
