"""The `supple` command. Only Typer is imported up front; each command imports what it needs."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from supple import __version__
from supple.cli import account, backup, catalog, go, goal, handout, plan, progress, remind, screen, serve
from supple.cli.argv import spread_multi_value_options
from supple.errors import SuppleError

app = typer.Typer(
    name="supple",
    help="A guided stretching coach for the legs, hips and lower back.\n\n"
    "supple does not diagnose or treat anything: stop if a stretch hurts, and see a professional "
    "when pain persists.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Plain help text: rendering it with Rich costs ~80 ms at start-up, over the 150 ms budget.
    rich_markup_mode=None,
)
app.command("catalog")(catalog.catalog_command)
app.command("show")(catalog.show_command)
app.command("screen")(screen.screen_command)
app.command("plan")(plan.plan_command)
app.command("go")(go.go_command)
app.command("history")(progress.history_command)
app.command("stats")(progress.stats_command)
app.command("serve")(serve.serve_command)
app.command("remind")(remind.remind_command)
app.command("handout")(handout.handout_command)
app.command("export")(backup.export_command)
app.command("import")(backup.import_command)
app.add_typer(goal.app, name="goal")
app.add_typer(account.app, name="account")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"supple {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """A guided stretching coach for the legs, hips and lower back."""


def main() -> None:
    # supple uses no pydantic plugins, and looking for them scans every installed package's
    # metadata: a tenth of a cold `supple plan` (bench/README.md). Set only if the user has not.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    try:
        app(args=spread_multi_value_options(sys.argv[1:]), prog_name="supple")
    except SuppleError as error:
        _fail(error)
    except Exception as error:
        # A full disk or a database that cannot be reached is said in one line; a bug keeps its traceback.
        from supple.store.faults import store_fault

        fault = store_fault(error)
        if fault is None:
            raise
        _fail(fault)


def _fail(error: SuppleError) -> None:
    sys.stderr.write(f"supple: {error}\n")
    sys.exit(error.exit_code)
