"""The command line's parser, on the standard library's argparse (docs/architecture.md, "The
command line"): the value types with their ranges, and a usage error said in one line."""

from __future__ import annotations

import argparse
import os
import sys

# `supple --help` loads neither `typing` nor `shutil` (docs/architecture.md, "Budgets"); mypy
# reads the names below as `typing.TYPE_CHECKING` does.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any, NoReturn


class HelpFormatter(argparse.HelpFormatter):
    """Help texts wrapped paragraph by paragraph (a docstring's blank lines stay), and a list of
    commands without argparse's line for the COMMAND placeholder above it."""

    def __init__(self, prog: str) -> None:
        # argparse's own width comes from shutil, whose import (with bz2 and lzma) costs a tenth of
        # `supple --help`; the terminal's width is the same from os.
        try:
            columns = int(os.environ.get("COLUMNS", "")) or os.get_terminal_size().columns
        except (ValueError, OSError):
            columns = 80
        super().__init__(prog, width=columns - 2)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n\n".join(super(HelpFormatter, self)._fill_text(part, width, indent) for part in text.split("\n\n"))

    def _format_action(self, action: argparse.Action) -> str:
        if isinstance(action, argparse._SubParsersAction):
            return "".join(self._format_action(choice) for choice in action._get_subactions())
        return super()._format_action(action)


class Parser(argparse.ArgumentParser):
    """A usage error is one line on standard error with exit code 2 (README, "Exit codes"); no
    option is taken from an abbreviation of its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._commands: argparse._SubParsersAction[Parser] | None = None
        self._gathered: list[tuple[str, Callable[..., object], Sequence[str]]] = []

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"supple: {message} (`{self.prog} --help` says more)\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """As argparse's, but what a command does not know is an error of that command, whose help
        then says what it knows (argparse would leave it to the root, whose help does not)."""
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        for dest, make, names in self._gathered:
            setattr(parsed, dest, make(**{name: parsed.__dict__.pop(name) for name in names}))
        return parsed, extras

    def gather(self, dest: str, make: Callable[..., object], names: Sequence[str]) -> None:
        """The options `names` come to the command as one value, `dest`: `make` given them by name."""
        self._gathered.append((dest, make, names))

    def add_command(self, name: str, summary: str) -> Parser:
        """A command under this one, listed with its summary; without one of them, this one
        shows their list, as a usage error."""
        if self._commands is None:
            self._commands = self.add_subparsers(title="commands", metavar="COMMAND")
            self.set_defaults(command=self._usage)
        return self._commands.add_parser(name, help=summary, description=summary)

    def runs(self, command: Callable[..., None]) -> Parser:
        """This command runs `command` with its options as keyword arguments; its help is the
        function's docstring."""
        self.description = command.__doc__
        self.set_defaults(command=command)
        return self

    def add_function(self, name: str, command: Callable[..., None]) -> Parser:
        """A command under this one that runs `command`, listed with its docstring's first paragraph."""
        summary = " ".join((command.__doc__ or "").split("\n\n")[0].split())
        return self.add_command(name, summary).runs(command)

    def _usage(self) -> NoReturn:
        self.print_help(sys.stderr)
        self.exit(2)


def whole(low: int | None = None, high: int | None = None) -> Callable[[str], int]:
    """A whole number from `low` to `high` (where given), said in the words of its range when outside."""
    shown = f"{low}<=x<={high}" if high is not None else f"x>={low}"

    def number(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if (low is not None and value < low) or (high is not None and value > high):
            raise argparse.ArgumentTypeError(f"{value} is not in the range {shown}")
        return value

    return number


def decimal(low: float, high: float) -> Callable[[str], float]:
    """A number from `low` to `high`."""

    def number(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value:g} is not in the range {low:g}<=x<={high:g}")
        return value

    return number


def flag(parser: argparse.ArgumentParser, name: str, dest: str, help: str) -> None:  # noqa: A002 (argparse's word)
    """An option without a value: given or not."""
    parser.add_argument(name, dest=dest, action="store_true", help=help)


def several(parser: argparse.ArgumentParser, name: str, dest: str, metavar: str, help: str) -> None:  # noqa: A002
    """An option that takes one or more values, after one flag or after each (`--yes a b` and
    `--yes a --yes b` are the same); not given, it is None."""
    parser.add_argument(name, dest=dest, metavar=metavar, nargs="+", action="extend", help=help)
