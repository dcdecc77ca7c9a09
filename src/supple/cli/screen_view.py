"""The safety screening on a terminal: the questions, asking them, and the verdict (Rich)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.prompt import Confirm, IntPrompt
from rich.table import Table
from rich.text import Text

from supple.cli.console import console, write_json
from supple.safety.models import Question
from supple.safety.screen import Screening

STYLE = {"go": "green", "caution": "yellow", "stop": "bold red"}
TITLE = {"go": "Good to go", "caution": "See a professional first", "stop": "Please get medical help"}


def print_questions(out: Console, listed: tuple[Question, ...]) -> None:
    table = Table(box=None, show_header=True, padding=(0, 2, 1, 0))
    table.add_column("id", style="bold", no_wrap=True)
    table.add_column("severity", no_wrap=True)
    table.add_column("question")
    for question in listed:
        table.add_row(question.id, question.severity, Text(question.text))
        if question.choices is not None:
            table.add_row("", "", Text(f"If yes: {question.choices.ask}", style="dim"))
            for option in question.choices.options:
                table.add_row(f"  {option.id}", "", Text(option.text, style="dim"))
    out.print(table)


def ask(out: Console, listed: tuple[Question, ...]) -> list[str]:
    """Ask each question in turn; a yes to a stop question ends the questions at once."""
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
            answers += ask_choice(out, question)
    return answers


def ask_choice(out: Console, question: Question) -> list[str]:
    """The follow-up of a yes, by number; its `otherwise` option when left at the default."""
    if question.choices is None:
        return []
    options = question.choices.options
    out.print(question.choices.ask)
    for number, option in enumerate(options, 1):
        out.print(f"  {number}. {option.text}")
    default = next(n for n, option in enumerate(options, 1) if option.id == question.choices.otherwise)
    chosen = IntPrompt.ask("Your answer", console=out, choices=[str(n) for n in range(1, len(options) + 1)],
                           default=default, show_choices=False)  # fmt: skip
    return [options[chosen - 1].id]


def report(screening: Screening, *, as_json: bool, stale: str | None) -> None:
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
    title = screening.heading or TITLE[screening.verdict]
    console().print(Panel(Group(*parts), title=title, border_style=style, title_align="left"))
