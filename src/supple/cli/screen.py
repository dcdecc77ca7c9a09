"""`supple screen`: the safety questions, asked kindly, with a clear verdict."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from supple.cli.console import console, write_json
from supple.cli.context import command_context
from supple.cli.parsing import Parser, flag, several
from supple.errors import BadRequest, UnsafeToStart

if TYPE_CHECKING:
    from supple.safety.models import Question


def define(name: str, parser: Parser) -> None:
    parser.runs(screen_command)
    several(parser, "--yes", "yes", "QUESTION_ID", "Answer yes to this question (repeat it); others are no.")
    flag(parser, "--none", "none", "Answer no to every question.")
    flag(parser, "--questions", "questions", "List the questions instead of asking them.")
    flag(parser, "--show", "show", "Show the stored result instead of screening.")
    flag(parser, "--json", "as_json", "Print JSON.")


def screen_command(*, yes: list[str] | None, none: bool, questions: bool, show: bool, as_json: bool) -> None:
    """Answer the safety questions that decide whether supple may guide you today."""
    from supple.cli.screen_view import ask, print_questions, report
    from supple.services import screening

    context = command_context()
    if sum([bool(yes), none, questions, show]) > 1:
        raise BadRequest("use only one of --yes, --none, --questions and --show")
    if questions:
        listed = screening.screening_questions(context)
        if as_json:
            write_json([question_json(q) for q in listed])
        else:
            print_questions(console(), listed)
        return
    if show:
        stored = screening.latest_screening(context)
        if stored is None:
            raise UnsafeToStart("no screening yet: run `supple screen`")
        report(stored, as_json=as_json, stale=screening.screening_staleness(context, screening=stored))
        return
    if yes or none:
        answers = list(yes or [])
    elif sys.stdin.isatty():
        answers = ask(console(), screening.screening_questions(context))
    else:
        raise BadRequest(
            "screening needs your answers and there is no terminal to ask them in: "
            "pass --yes QUESTION_ID ... for what applies, or --none (see `supple screen --questions`)"
        )
    report(screening.record_screening(context, yes=answers), as_json=as_json, stale=None)


def question_json(question: Question) -> dict[str, object]:
    return {
        "id": question.id,
        "text": question.text,
        "severity": question.severity,
        "choices": question.choices.model_dump(mode="json") if question.choices is not None else None,
        "sources": [source.model_dump(mode="json") for source in question.sources],
    }
