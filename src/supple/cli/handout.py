"""`supple handout`: a printable home-exercise programme as a PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supple.cli.console import console
from supple.cli.context import command_context
from supple.cli.options import AckCaution, PlanFile, Routine


def handout_command(
    pdf: Annotated[Path, typer.Option("--pdf", metavar="FILE", help="Where to write the PDF.")],
    plan_file: PlanFile = None,
    routine: Routine = None,
    name: Annotated[
        str | None, typer.Option("--name", help="The person's name, printed at the top (else a line to write it on).")
    ] = None,
    paper: Annotated[str, typer.Option("--paper", metavar="a4|letter", help="Paper size.")] = "a4",
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", metavar="URL", help="Where the web app is reached: adds a QR code to the routine."),
    ] = None,
    ack_caution: AckCaution = False,
) -> None:
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
