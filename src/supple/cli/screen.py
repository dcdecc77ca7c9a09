"""`supple screen`: the safety questions, asked kindly, with a clear verdict."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from supple.safety.models import Question
    from supple.safety.screen import Screening

STYLE = {"go": "green", "caution": "yellow", "stop": "bold red"}
TITLE = {"go": "Good to go", "caution": "See a professional first", "stop": "Please get medical help"}


def screen_command(
    yes: Annotated[
        list[str] | None,
        typer.Option("--yes", metavar="QUESTION_ID", help="Answer yes to this question (repeat it); others are no."),
    ] = None,
    none: Annotated[bool, typer.Option("--none", help="Answer no to every question.")] = False,
    questions: Annotated[bool, typer.Option("--questions", help="List the questions instead of asking them.")] = False,
    show: Annotated[bool, typer.Option("--show", help="Show the stored result instead of screening.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Answer the safety questions that decide whether supple may guide you today."""
    from supple import services
    from supple.cli.console import console, write_json
    from supple.config import Settings
    from supple.errors import BadRequest, UnsafeToStart

    settings = Settings.from_env()
    if sum([bool(yes), none, questions, show]) > 1:
        raise BadRequest("use only one of --yes, --none, --questions and --show")
    if questions:
        listed = services.screening_questions(settings=settings)
        if as_json:
            write_json([question_json(q) for q in listed])
        else:
            print_questions(console(), listed)
        return
    if show:
        stored = services.latest_screening(settings=settings)
        if stored is None:
            raise UnsafeToStart("no screening yet: run `supple screen`")
        report(stored, as_json=as_json, stale=services.screening_staleness(screening=stored))
        return
    if yes or none:
        answers = list(yes or [])
    elif sys.stdin.isatty():
        answers = ask(console(), services.screening_questions(settings=settings))
    else:
        raise BadRequest(
            "screening needs your answers and there is no terminal to ask them in: "
            "pass --yes QUESTION_ID ... for what applies, or --none (see `supple screen --questions`)"
        )
    report(services.record_screening(settings=settings, yes=answers), as_json=as_json, stale=None)


def question_json(question: Question) -> dict[str, object]:
    return {
        "id": question.id,
        "text": question.text,
        "severity": question.severity,
        "sources": [source.model_dump(mode="json") for source in question.sources],
    }


def print_questions(out: Console, listed: tuple[Question, ...]) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, show_header=True, padding=(0, 2, 1, 0))
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("question")
    for question in listed:
        table.add_row(question.id, question.severity, Text(question.text))
    out.print(table)


def ask(out: Console, listed: tuple[Question, ...]) -> list[str]:
    """Ask each question in turn; a yes to a stop question ends the questions at once."""
    from rich.panel import Panel
    from rich.prompt import Confirm

    out.print(
        Panel(
            "Before supple suggests any stretches, a few questions about warning signs that need a "
            "doctor. Answer y or n. Your answers stay on this computer.",
            title="Safety check",
            border_style="cyan",
        )
    )
    answers: list[str] = []
    for number, question in enumerate(listed, 1):
        out.print(f"\n[dim]{number} of {len(listed)}[/dim]")
        if Confirm.ask(question.text, console=out, default=False):
            answers.append(question.id)
            if question.severity == "stop":
                break
    return answers


def report(screening: Screening, *, as_json: bool, stale: str | None) -> None:
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    from supple.cli.console import console, write_json

    if as_json:
        write_json({**screening.to_json(), "needs_fresh_screening": stale})
        return
    parts: list[Text] = []
    if screening.reasons:
        parts.append(Text("You told supple about:", style="bold"))
        parts += [Text(f"  - {reason}") for reason in screening.reasons]
        parts.append(Text(""))
    parts.append(Text(screening.advice))
    if screening.verdict == "caution":
        parts += [Text(""), Text("When a professional has cleared you, plan with --ack-caution.", style="dim")]
    when = screening.screened_at.astimezone().strftime("%d %b %Y, %H:%M")
    parts += [Text(""), Text(f"Screened {when}.", style="dim")]
    if stale:
        parts.append(Text(f"This screening no longer counts: {stale}. Run `supple screen`.", style="yellow"))
    style = STYLE[screening.verdict]
    console().print(Panel(Group(*parts), title=TITLE[screening.verdict], border_style=style, title_align="left"))
