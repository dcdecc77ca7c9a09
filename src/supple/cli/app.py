"""The `supple` command, on argparse (docs/architecture.md, "The command line"). Only the named
command's module is imported and only its options are declared; the list of commands comes from
the table below, and each command imports the rest of what it needs when it runs."""

from __future__ import annotations

import gc
import os
import sys
from importlib import import_module

from supple import __version__
from supple.cli.parsing import TYPE_CHECKING, Parser

if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any, NoReturn

    from supple.errors import SuppleError

HELP = (
    "A guided stretching coach for the legs, hips and lower back.\n\n"
    "supple does not diagnose or treat anything: stop if a stretch hurts, and see a professional "
    "when pain persists."
)
# Each command: the module that declares it (its `define(parser)`) and its line in the list of
# commands, which is the first line of its help (tests/cli/test_app.py holds them together).
COMMANDS: dict[str, tuple[str, str]] = {
    "catalog": ("catalog", "List the exercises, optionally filtered."),
    "show": ("catalog", "Show one exercise: how to do it, the dose, cautions and sources."),
    "screen": ("screen", "Answer the safety questions that decide whether supple may guide you today."),
    "plan": ("plan", "Build a routine: warm-up first, then the stretches that best cover what bothers you."),
    "go": ("go", ("Run a routine hands-free: the saved one by default, or --plan FILE, --routine NAME, or --for ... "
                 "--minutes N.")),
    "history": ("progress", ("Every session: its id, when, how it ended, sets done and skipped, pain before and "
                            "after.")),
    "stats": ("progress", "Sessions per week against the goal, streaks, a calendar, pain, sides and function."),
    "serve": ("serve", "Start the web app: open the address it prints in a browser, on this machine or a phone."),
    "remind": ("remind", "Write a repeating reminder that imports into common calendar apps (RFC 5545)."),
    "handout": ("handout", ("Print a routine as a home-exercise programme: the saved one by default, or --routine "
                           "NAME or --plan FILE.")),
    "export": ("backup", ("Write a versioned JSON backup of everything supple keeps for you, or with --fhir FILE a "
                         "FHIR R4 Bundle (the saved routine as a CarePlan, pain ratings as Observations) for a "
                         "clinic's records.")),
    "import": ("backup", "Restore a backup into an empty store; a damaged or foreign file changes nothing."),
}  # fmt: skip
# Commands that keep Python's cycle collector on (main): they run for long, or draw a chart or a PDF
# with libraries that leave cycles behind as they go.
KEEP_COLLECTING = frozenset({"go", "serve", "handout", "stats"})
# Each group of commands: its module and its help.
GROUPS: dict[str, tuple[str, str]] = {
    "goal": ("goal", "Activities you find hard, rated 0 (unable) to 10 (as before) now and then: up to three."),
    "account": ("account", "Clinic mode's accounts (supple serve --multi-user): clinicians and their clients."),
    "routine": ("routine", "Shape your saved routines by hand: add, remove and move exercises, change doses, rename."),
}  # fmt: skip


def list_parser() -> Parser:
    """`supple` itself: its own options and the list of commands, none of them declared (that
    would import every command's module)."""
    root = Parser(prog="supple", description=HELP)
    root.add_argument("--version", action="version", version=f"supple {__version__}", help="Show the version and exit.")
    for name, (_, summary) in {**COMMANDS, **GROUPS}.items():
        root.add_command(name, summary)
    return root


def command_parser(name: str) -> Parser:
    """One command (`supple NAME`) with its options: all that `supple NAME ...` needs parsed."""
    module, summary = {**COMMANDS, **GROUPS}[name]
    parser = Parser(prog=f"supple {name}", description=summary)
    import_module(f"supple.cli.{module}").define(name, parser)
    return parser


def command_named(args: Sequence[str]) -> str | None:
    """The command the arguments start with, if they start with one."""
    if args and (args[0] in COMMANDS or args[0] in GROUPS):
        return args[0]
    return None


def main(argv: Sequence[str] | None = None) -> None:
    # supple uses no pydantic plugins, and looking for them scans every installed package's
    # metadata: a tenth of a cold `supple plan` (bench/README.md). Set only if the user has not.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # Started with its output closed (`supple catalog --json >&-`, a careless cron line), Python has
    # no sys.stdout at all: what would be printed goes nowhere, as Rich's output already does.
    sys.stdout = sys.stdout or open(os.devnull, "w")  # noqa: SIM115 (for the life of the process)
    sys.stderr = sys.stderr or open(os.devnull, "w")  # noqa: SIM115
    args = list(sys.argv[1:] if argv is None else argv)
    if args and not args[0].startswith("-") and command_named(args) is None:
        _unknown_command(args[0])
    named = command_named(args)
    parser = list_parser() if named is None else command_parser(named)
    options: dict[str, Any] = vars(parser.parse_args(args if named is None else args[1:]))
    command = options.pop("command")
    # A command's objects die with its process: the cycle collector, which would go through the
    # content's tens of thousands of objects several times while they load (a twentieth of a cold
    # `supple plan`), is off, except for the commands that need it.
    collecting = gc.isenabled()
    if named not in KEEP_COLLECTING:
        gc.disable()
    try:
        command(**options)
    except Exception as error:
        from supple.errors import SuppleError  # here: `supple --help` needs none of it

        if isinstance(error, SuppleError):
            _fail(error)
        # A full disk or a database that cannot be reached is said in one line; a bug keeps its traceback.
        from supple.services.health import store_fault

        fault = store_fault(error)
        if fault is None:
            raise
        _fail(fault)
    finally:
        if collecting:
            gc.enable()


def run() -> None:
    """The `supple` program: `main()`, then an end without the cycle collector's last pass over
    every object left (the content's, the modules'), which Python makes as it exits even with the
    collector off: a fifth of a cold `supple plan`. Nothing is left to collect by then."""
    try:
        main()
    finally:
        gc.freeze()


def _unknown_command(name: str) -> NoReturn:
    from difflib import get_close_matches

    close = get_close_matches(name, [*COMMANDS, *GROUPS], n=1)
    guess = f"; did you mean {close[0]!r}?" if close else ""
    sys.stderr.write(f"supple: no command {name!r}{guess} (`supple --help` lists them)\n")
    sys.exit(2)


def _fail(error: SuppleError) -> NoReturn:
    from supple.cli.hints import with_hint

    sys.stderr.write(f"supple: {with_hint(error)}\n")
    sys.exit(error.exit_code)
