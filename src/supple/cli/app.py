"""The `supple` command. Only Typer is imported up front; each command imports what it needs."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any

import typer

from supple import __version__
from supple.cli import account, backup, catalog, go, goal, handout, plan, progress, remind, routine, screen, serve
from supple.cli.argv import spread_multi_value_options
from supple.errors import SuppleError

HELP = (
    "A guided stretching coach for the legs, hips and lower back.\n\n"
    "supple does not diagnose or treat anything: stop if a stretch hurts, and see a professional "
    "when pain persists."
)
COMMANDS: dict[str, Callable[..., Any]] = {
    "catalog": catalog.catalog_command,
    "show": catalog.show_command,
    "screen": screen.screen_command,
    "plan": plan.plan_command,
    "go": go.go_command,
    "history": progress.history_command,
    "stats": progress.stats_command,
    "serve": serve.serve_command,
    "remind": remind.remind_command,
    "handout": handout.handout_command,
    "export": backup.export_command,
    "import": backup.import_command,
}
GROUPS: dict[str, typer.Typer] = {"goal": goal.app, "account": account.app, "routine": routine.app}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"supple {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """A guided stretching coach for the legs, hips and lower back."""


def build_app(only: str | None = None, *, listing: bool = False) -> typer.Typer:
    """The command line, with every command, or with just `only` (and the root's own options).

    Typer turns every registered command's signature into Click parameters on each run, which
    costs a cold `supple plan` some 40 ms for the other seventeen; a named command needs only
    itself. `listing` is for the list of commands (`supple`, `supple --help`), which needs only
    their names and help texts: each command is stood in for by a function with no parameters and
    the same docstring. Usage, help and errors read the same either way (tests/cli/test_app.py)."""
    app = typer.Typer(
        name="supple",
        help=HELP,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
        # Plain help text: rendering it with Rich costs ~80 ms at start-up, over the 150 ms budget.
        rich_markup_mode=None,
    )
    app.callback()(_root)
    for name, command in COMMANDS.items():
        if only is None or name == only:
            app.command(name)(_stand_in(command) if listing else command)
    for name, group in GROUPS.items():
        if only is None or name == only:
            app.add_typer(_group_stand_in(group) if listing else group, name=name)
    return app


def _stand_in(command: Callable[..., Any]) -> Callable[[], None]:
    def listed() -> None:
        raise AssertionError("a stand-in is only listed, never run")  # pragma: no cover

    listed.__doc__ = command.__doc__
    return listed


def _group_stand_in(group: typer.Typer) -> typer.Typer:
    """A group as the list of commands shows it: its help, without its commands' parameters (a
    group of a dozen commands would cost the list as much as the other commands together)."""
    stand_in = typer.Typer(help=group.info.help, no_args_is_help=True, rich_markup_mode=None)
    stand_in.command("-")(_stand_in(lambda: None))
    return stand_in


def only_lists(args: Sequence[str]) -> bool:
    """Whether the arguments ask for nothing but the list of commands."""
    return list(args) in ([], ["--help"])


def command_named(args: Sequence[str]) -> str | None:
    """The command the arguments start with, if they start with one."""
    if args and (args[0] in COMMANDS or args[0] in GROUPS):
        return args[0]
    return None


def main() -> None:
    # supple uses no pydantic plugins, and looking for them scans every installed package's
    # metadata: a tenth of a cold `supple plan` (bench/README.md). Set only if the user has not.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Started with its output closed (`supple catalog --json >&-`, a careless cron line), Python has
    # no sys.stdout at all: what would be printed goes nowhere, as Rich's output already does.
    sys.stdout = sys.stdout or open(os.devnull, "w")  # noqa: SIM115 (for the life of the process)
    sys.stderr = sys.stderr or open(os.devnull, "w")  # noqa: SIM115
    args = spread_multi_value_options(sys.argv[1:])
    try:
        build_app(only=command_named(args), listing=only_lists(args))(args=args, prog_name="supple")
    except SuppleError as error:
        _fail(error)
    except Exception as error:
        # A full disk or a database that cannot be reached is said in one line; a bug keeps its traceback.
        from supple.services.health import store_fault

        fault = store_fault(error)
        if fault is None:
            raise
        _fail(fault)


def _fail(error: SuppleError) -> None:
    from supple.cli.hints import with_hint

    sys.stderr.write(f"supple: {with_hint(error)}\n")
    sys.exit(error.exit_code)
