"""`supple handout`: a printable home-exercise programme as a PDF."""

from __future__ import annotations

from pathlib import Path

from supple.cli.console import console
from supple.cli.context import command_context
from supple.cli.options import add_ack_caution, add_routine_choice
from supple.cli.parsing import Parser


def define(name: str, parser: Parser) -> None:
    parser.runs(handout_command)
    parser.add_argument("--pdf", type=Path, required=True, metavar="FILE", help="Where to write the PDF.")
    add_routine_choice(parser)
    parser.add_argument("--name", help="The person's name, printed at the top (else a line to write it on).")
    parser.add_argument("--paper", default="a4", metavar="a4|letter", help="Paper size.")
    parser.add_argument(
        "--base-url", metavar="URL", help="Where the web app is reached: adds a QR code to the routine."
    )
    add_ack_caution(parser)


def handout_command(
    *, pdf: Path, plan_file: Path | None, routine: str | None, name: str | None, paper: str, base_url: str | None,
    ack_caution: bool,
) -> None:  # fmt: skip
    """Print a routine as a home-exercise programme: the saved one by default, or --routine NAME or --plan FILE.

    Each exercise with its steps, dose and cautions, a weekly tick-box chart, the safety advice and
    the sources. The safety check applies as for `supple go`.
    """
    from supple.services.handouts import write_handout

    written = write_handout(
        command_context(), path=pdf, plan_file=plan_file, routine=routine, person=name, paper=paper,
        base_url=base_url, ack_caution=ack_caution,
    )  # fmt: skip
    count = len(written.handout.exercises)
    pages = f"{written.pages} page{'s' if written.pages != 1 else ''}"
    console().print(f"Wrote {pdf}: {written.handout.title}, {count} exercises on {pages}.")
