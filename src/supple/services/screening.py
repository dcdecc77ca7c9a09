"""The safety screening: the questions, a person's answers and the verdict, and the gate that
`plan` and `go` (and the web's plan and player) pass first."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from supple.safety.gate import check_gate
from supple.safety.models import HelpNumber, Precaution, Question
from supple.safety.rules import active_precautions
from supple.safety.screen import Screening, fresh_screening_needed, screen

if TYPE_CHECKING:
    from supple.services.context import AppContext


def screening_questions(context: AppContext) -> tuple[Question, ...]:
    return context.content.safety().questions


def record_screening(context: AppContext, *, yes: Iterable[str], person_id: int | None = None) -> Screening:
    """Screen with these yes-answers (every other question answered no) and keep the result."""
    screening = screen(context.content.safety(), yes, now=context.now())
    context.mode.keep_screening(person_id, screening)
    return screening


def help_numbers(context: AppContext) -> tuple[HelpNumber, ...]:
    """The telephone numbers the stop screen offers, each place's."""
    return context.content.safety().help_numbers


def flagged_questions(context: AppContext, *, screening: Screening) -> tuple[Question, ...]:
    """The questions behind the verdict's reasons (those answered yes at the severity that decided
    it), each with its reason and what to do."""
    safety = context.content.safety()
    asked = [
        safety.question(answer) for answer in screening.answered_yes if any(q.id == answer for q in safety.questions)
    ]
    severity = {"stop": "stop", "caution": "caution"}.get(screening.verdict, "adjust")
    return tuple(question for question in asked if question.severity == severity)


def latest_screening(context: AppContext, *, person_id: int | None = None) -> Screening | None:
    return context.mode.latest_screening(person_id)


def require_safe_start(context: AppContext, *, ack_caution: bool, person_id: int | None = None) -> Screening:
    """The gate `plan` and `go` pass first: raises UnsafeToStart (exit 3) when they must not start."""
    return safe_start_gate(context, ack_caution=ack_caution)(latest_screening(context, person_id=person_id))


def safe_start_gate(context: AppContext, *, ack_caution: bool) -> Callable[[Screening | None], Screening]:
    """require_safe_start's gate, for a screening read beside something else (Mode.routine_past_gate)."""
    return functools.partial(check_gate, now=context.now(), ack_caution=ack_caution)


def request_fresh_screening(context: AppContext, *, reason: str, person_id: int | None = None) -> None:
    """Ask for a new screening before the next routine, e.g. after a "this hurts" in a session."""
    context.mode.invalidate_screening(person_id, reason)


def precautions_for(
    context: AppContext, *, screening: Screening | None, conditions: Iterable[str] = ()
) -> tuple[Precaution, ...]:
    """The precautions the screening's answers (and the conditions planned for) call for; none
    without a screening."""
    answers = screening.answered_yes if screening is not None else ()
    return active_precautions(context.content.safety(), answers=answers, conditions=conditions)


def screening_staleness(context: AppContext, *, screening: Screening) -> str | None:
    """Why a stored screening no longer counts (older than 30 days, or a "this hurts" since)."""
    return fresh_screening_needed(screening, now=context.now())
