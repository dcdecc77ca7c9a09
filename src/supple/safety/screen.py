"""Screening: answers -> a verdict (go, caution or stop) with plain reasons and advice.

The advice never names a cause; it says what was reported, what to do, and how urgently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

from supple.errors import BadRequest
from supple.safety.models import SafetyData, Urgency

VerdictKind = Literal["go", "caution", "stop"]
VALID_FOR = dt.timedelta(days=30)

# A stop's advice opens with how urgent it is; only the most urgent answers' actions follow it, so
# the screen says one thing to do.
STOP_ADVICE: dict[Urgency, str] = {
    "emergency": (
        "What you described can be a sign of a problem that needs treating straight away, and supple "
        "cannot tell what is causing it."
    ),
    "today": (
        "What you described needs a doctor to check it before any stretching, and supple cannot tell "
        "what is causing it."
    ),
}
STOP_HEADING: dict[Urgency, str] = {
    "emergency": "Get emergency help now",
    "today": "See a doctor today, before any stretching",
}
CAUTION_ADVICE = "Please see a doctor or physiotherapist before you start."
CAUTION_GO_AHEAD = (
    "Once a professional has told you that stretching is fine for you, you can go ahead, and supple "
    "will adapt the routine to what you told it."
)
GO_ADVICE = (
    "Nothing you told supple needs a doctor first. Stretch gently, never into pain, and seek advice "
    "if anything changes or gets worse."
)


@dataclass(frozen=True)
class Screening:
    """The result of a screening: whether it is safe to start, and why."""

    verdict: VerdictKind
    reasons: tuple[str, ...]
    advice: str
    answered_yes: tuple[str, ...]
    screened_at: dt.datetime
    # Set when something since (a "this hurts" in a session) calls for a fresh screening.
    invalidated: str | None = None
    # A stop's: how soon to get help.
    urgency: Urgency | None = None

    @property
    def heading(self) -> str | None:
        """A stop's heading, as urgent as what was answered."""
        return STOP_HEADING[self.urgency] if self.urgency is not None else None

    def to_json(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "reasons": list(self.reasons),
            "advice": self.advice,
            "answered_yes": list(self.answered_yes),
            "screened_at": self.screened_at.isoformat(),
            "invalidated": self.invalidated,
            "urgency": self.urgency,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Screening:
        verdict = data["verdict"]
        if verdict not in ("go", "caution", "stop"):
            raise ValueError(f"unknown verdict {verdict!r}")
        invalidated = data.get("invalidated")
        # a stop kept before urgency was is read as the more urgent
        urgency: Urgency = "today" if data.get("urgency") == "today" else "emergency"
        return cls(
            verdict=verdict,
            reasons=tuple(str(r) for r in _as_list(data["reasons"])),
            advice=str(data["advice"]),
            answered_yes=tuple(str(a) for a in _as_list(data["answered_yes"])),
            screened_at=dt.datetime.fromisoformat(str(data["screened_at"])),
            invalidated=None if invalidated is None else str(invalidated),
            urgency=urgency if verdict == "stop" else None,
        )

    def invalidate(self, reason: str) -> Screening:
        return replace(self, invalidated=reason)


def _as_list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise ValueError(f"expected a list, found {type(value).__name__}")
    return value


def check_answers(safety: SafetyData, yes: Iterable[str]) -> tuple[str, ...]:
    """The ids answered yes, in question order, each question with its follow-up's option (see
    SafetyData.complete); an unknown id, or two options of one follow-up, is refused."""
    valid = safety.answer_ids()
    given = list(dict.fromkeys(yes))
    unknown = [answer for answer in given if answer not in valid]
    if unknown:
        raise BadRequest(f"unknown question {unknown[0]!r}", topic="unknown-choice", choices=tuple(valid))
    for question in safety.questions:
        chosen = [option for option in question.option_ids if option in given]
        if len(chosen) > 1 and question.choices is not None:
            raise BadRequest(
                f"choose one answer to {question.choices.ask.rstrip('?').lower()!r}, not {len(chosen)}",
                topic="unknown-choice", choices=question.option_ids,
            )  # fmt: skip
    return safety.complete(given)


def screen(safety: SafetyData, yes: Iterable[str], *, now: dt.datetime) -> Screening:
    answered_yes = check_answers(safety, yes)
    asked = {q.id for q in safety.questions}
    questions = [safety.question(answer) for answer in answered_yes if answer in asked]
    stops = [q for q in questions if q.severity == "stop"]
    cautions = [q for q in questions if q.severity == "caution"]
    urgency: Urgency | None = None
    closing: list[str] = []
    if stops:
        verdict: VerdictKind = "stop"
        urgency = "emergency" if any(q.urgency == "emergency" for q in stops) else "today"
        flagged, opening = stops, STOP_ADVICE[urgency]
        acting = [q for q in stops if q.urgency == urgency]
    elif cautions:
        verdict, flagged, opening, closing = "caution", cautions, CAUTION_ADVICE, [CAUTION_GO_AHEAD]
        acting = cautions
    else:
        verdict, flagged, opening = "go", [q for q in questions if q.severity == "adjust"], GO_ADVICE
        acting = flagged
    actions = list(dict.fromkeys(q.action for q in acting))
    advice = " ".join([opening, *actions, *closing])
    return Screening(
        verdict=verdict,
        reasons=tuple(q.reason for q in flagged),
        advice=advice,
        answered_yes=answered_yes,
        screened_at=now,
        urgency=urgency,
    )


def fresh_screening_needed(screening: Screening, *, now: dt.datetime) -> str | None:
    """Why this screening no longer counts, or None while it still does."""
    if screening.invalidated:
        return screening.invalidated
    if now - screening.screened_at > VALID_FOR:
        return f"your last screening was {(now - screening.screened_at).days} days ago (it counts for 30 days)"
    return None
