"""The command line built for one command reads exactly like the whole one."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from supple.cli.app import COMMANDS, GROUPS, build_app, command_named, only_lists

NAMES = sorted([*COMMANDS, *GROUPS])


def invoke(only: str | None, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(build_app(only=only), list(args), prog_name="supple", env={"COLUMNS": "100"})
    return result.exit_code, result.output


@pytest.mark.parametrize("name", NAMES)
def test_a_commands_help_is_the_same_when_only_it_is_built(name: str) -> None:
    assert invoke(name, name, "--help") == invoke(None, name, "--help")


@pytest.mark.parametrize("name", NAMES)
def test_a_wrong_option_is_refused_the_same_way_when_only_the_command_is_built(name: str) -> None:
    lean, full = invoke(name, name, "--no-such-option"), invoke(None, name, "--no-such-option")
    assert lean == full
    assert lean[0] == 2


def test_only_the_first_word_picks_the_command() -> None:
    assert command_named(["plan", "--for", "sciatica"]) == "plan"
    assert command_named(["goal", "add", "socks"]) == "goal"
    # the root's own options and anything unknown get the whole command line, with all it lists
    assert command_named(["--help", "plan"]) is None
    assert command_named(["--version"]) is None
    assert command_named(["plna"]) is None
    assert command_named([]) is None


def test_the_whole_command_line_lists_every_command() -> None:
    code, output = invoke(None, "--help")
    assert code == 0
    for name in NAMES:
        assert f"  {name} " in output or f"  {name}\n" in output


def test_the_version_is_said_either_way() -> None:
    from supple import __version__

    assert invoke(None, "--version") == (0, f"supple {__version__}\n")
    assert invoke("plan", "--version") == (0, f"supple {__version__}\n")


@pytest.mark.parametrize("args", [[], ["--help"]])
def test_the_list_of_commands_reads_the_same_from_stand_ins(args: list[str]) -> None:
    result = CliRunner().invoke(build_app(listing=True), args, prog_name="supple", env={"COLUMNS": "100"})
    assert (result.exit_code, result.output) == invoke(None, *args)
    assert "plan" in result.output and "Build a routine" in result.output


def test_only_the_bare_command_or_its_help_is_a_listing() -> None:
    assert only_lists([]) and only_lists(["--help"])
    assert not only_lists(["plan"]) and not only_lists(["--help", "plan"]) and not only_lists(["--version"])
