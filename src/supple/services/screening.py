"""The safety screening: the questions, a person's answers and the verdict, and the gate that
`plan` and `go` (and the web's plan and player) pass first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from supple.safety.gate import check_gate
from supple.safety.models import Precaution, Question
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


def latest_screening(context: AppContext, *, person_id: int | None = None) -> Screening | None:
    return context.mode.latest_screening(person_id)


def require_safe_start(context: AppContext, *, ack_caution: bool, person_id: int | None = None) -> Screening:
    """The gate `plan` and `go` pass first: raises UnsafeToStart (exit 3) when they must not start."""
    screening = latest_screening(context, person_id=person_id)
    return check_gate(screening, now=context.now(), ack_caution=ack_caution)


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
