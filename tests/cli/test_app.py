"""The command line: its list of commands, usage errors in one line, options of several values,
and only the named command's module loaded."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple import __version__
from supple.cli.app import COMMANDS, GROUPS, command_parser

NAMES = sorted([*COMMANDS, *GROUPS])


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", NAMES)
def test_a_command_is_listed_with_the_first_paragraph_of_its_own_help(run_cli, name: str) -> None:
    summary = {**COMMANDS, **GROUPS}[name][1]
    listed = run_cli("--help")
    assert listed.code == 0 and f"  {name} " in listed.out
    assert summary in flat(listed.out)
    own = run_cli(name, "--help")
    assert own.code == 0
    assert summary in flat(own.out) and flat(own.out).index(summary) < flat(own.out).index("options:")


@pytest.mark.parametrize("name", NAMES)
def test_a_wrong_option_is_one_line_with_exit_code_2(run_cli, name: str) -> None:
    wrong = run_cli(name, "--no-such-option")
    assert wrong.code == 2 and wrong.out == ""
    lines = wrong.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("supple: "), wrong.err
    assert lines[0].endswith(f"(`supple {name} --help` says more)")


def test_an_option_a_command_does_not_have_is_named(run_cli) -> None:
    wrong = run_cli("plan", "--for", "sciatica", "--minutes", "20", "--no-such-option")
    assert wrong.err == "supple: unrecognized arguments: --no-such-option (`supple plan --help` says more)\n"
    missing = run_cli("remind", "--days", "mon", "--at", "07:30")
    assert missing.err == "supple: the following arguments are required: --ics (`supple remind --help` says more)\n"


def test_a_value_out_of_range_says_the_range(run_cli) -> None:
    wrong = run_cli("goal", "rate", "1", "eleven")
    assert wrong.code == 2 and "'eleven' is not a whole number" in wrong.err
    assert "12 is not in the range 0<=x<=10" in run_cli("goal", "rate", "1", "12").err
    assert "0 is not in the range x>=1" in run_cli("plan", "--for", "sciatica", "--minutes", "0").err


@pytest.mark.parametrize("args", [[], ["goal"], ["account"], ["routine"]])
def test_a_command_line_without_a_command_lists_them_as_a_usage_error(run_cli, args: list[str]) -> None:
    bare = run_cli(*args)
    assert bare.code == 2 and bare.out == ""
    assert bare.err.startswith(f"usage: supple {' '.join(args)}".rstrip()) and "commands:" in bare.err


def test_an_unknown_command_is_said_with_the_nearest(run_cli) -> None:
    wrong = run_cli("plna", "--for", "sciatica")
    assert wrong.code == 2
    assert wrong.err == "supple: no command 'plna'; did you mean 'plan'? (`supple --help` lists them)\n"


def test_the_version_is_said(run_cli) -> None:
    assert (run_cli("--version").code, run_cli("--version").out) == (0, f"supple {__version__}\n")


values = st.lists(st.sampled_from(["sciatica", "hip-pain", "knee-pain"]), min_size=1, max_size=3)


@settings(deadline=None)  # a shared machine's slow spell is no failure
@given(st.lists(values, min_size=1, max_size=4))
def test_several_values_after_one_flag_or_after_each_are_the_same(groups: list[list[str]]) -> None:
    every = [value for group in groups for value in group]
    once = command_parser("plan").parse_args(["--for", *every, "--minutes", "20"])
    each = command_parser("plan").parse_args([*[t for g in groups for t in ("--for", *g)], "--minutes", "20"])
    assert once.asked.conditions == each.asked.conditions == every
    assert command_parser("plan").parse_args([]).asked.conditions is None, "not given, it is None"


def test_the_list_of_commands_loads_no_command_and_only_the_named_one_is_loaded() -> None:
    code = (
        "import json, sys\nfrom supple.cli.app import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('supple.', 'rich', 'click', 'typer')))),"
        " file=sys.stderr)"
    )

    def loaded(*args: str) -> set[str]:
        ran = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
        return set(json.loads(ran.stderr.strip().splitlines()[-1]))

    modules = {f"supple.cli.{module}" for module, _ in [*COMMANDS.values(), *GROUPS.values()]}
    assert not loaded("--help") & modules
    assert not {m for m in loaded("--help") if m.startswith(("rich", "click", "typer", "supple.services"))}
    assert loaded("plan", "--help") & modules == {"supple.cli.plan"}


def test_plan_and_go_take_the_request_options_as_one_value_that_makes_the_same_request() -> None:
    args = ["--for", "sciatica", "hip-pain", "--minutes", "20", "--equipment", "none", "--avoid-position", "kneeling",
            "--no-floor", "--warmed-up", "--new", "--pain", "3"]  # fmt: skip
    plan, go = (vars(command_parser(name).parse_args(args)) for name in ("plan", "go"))
    assert plan["asked"] == go["asked"]
    assert not {"conditions", "minutes", "equipment", "pain_today"} & (plan.keys() | go.keys())
    request = plan["asked"].request()
    assert (request.conditions, request.minutes, request.equipment) == (("sciatica", "hip-pain"), 20, ("none",))
    assert (request.avoid_positions, request.no_floor, request.warmed_up) == (("kneeling",), True, True)
    assert (request.new_to_stretching, request.pain_today) == (True, 3)
