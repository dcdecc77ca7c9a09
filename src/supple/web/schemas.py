"""The JSON API's request and response bodies: they give /docs and /openapi.json their shapes."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from fastapi import Path
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from supple.catalog.models import Dosage
from supple.errors import BadRequest
from supple.planner.request import Flag, PlanRequest
from supple.services.browser_session import DEVICE_CLOCK_AHEAD
from supple.session.results import FinishedSet, SideAnswer
from supple.validation import Described, Limits, problem_words, record
from supple.web.words import field_words

# Row ids are 32-bit integers on every database supple supports.
RowId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Pain = Annotated[int, Field(ge=0, le=10, description="0 = no pain, 10 = the worst imaginable")]
Id = Annotated[str, Field(min_length=1, max_length=64)]
StepKind = Literal["move", "ready", "hold", "breaths", "reps", "push", "rest", "switch", "warmup"]
Side = Literal["left", "right"]


class Problem(BaseModel):
    detail: str | list[dict[str, Any]] = Field(description="what was wrong, and what is valid")


# Every API route may answer these; /docs and the schema say so.
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "Bad input: the message says what was wrong and what is valid"},
    401: {"model": Problem, "description": "Clinic mode: sign in first"},
    403: {"model": Problem, "description": "Refused for safety: answer the screening, or see a doctor"},
    404: {"model": Problem, "description": "No such thing, or not yours"},
    409: {"model": Problem, "description": "Not now: e.g. the session is already over"},
}


class In(BaseModel):
    # Strict: a JSON body means what it says. Lax pydantic took `"pain_before": false` as a pain of
    # 0 and "5" as 5, which the schema refuses (found by schemathesis' invalid requests).
    model_config = ConfigDict(extra="forbid", strict=True)


# The bodies built on the values the layers share (a plan request, a finished set, a side answer)
# refuse unknown fields as In does; their numbers and flags are strict field by field.
FORBID_EXTRA: dict[str, Any] = {"extra": "forbid"}
Key = Annotated[
    str,
    Limits(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$"),
    Described(
        "the player's own name for this (unique per session; per person for a session): "
        "sent again after a lost answer, it is kept once and answered as the first time"
    ),
]

# When something happened on the device: a session played offline is sent when the connection is
# back, and must keep the time it was done, not the time it arrived (services/browser_session.py).
_AHEAD = f"{int(DEVICE_CLOCK_AHEAD.total_seconds() // 60)} minutes"


def device_time_note(what: str) -> str:
    return (
        f"{what}, on the device's clock: ISO 8601 with its offset, at most {_AHEAD} ahead of the server's "
        "clock and at most a year behind it, and for a set or the finish not before the session started. "
        "Left out: when it arrives"
    )


class Option(BaseModel):
    id: str = Field(description="answered yes like a question's id")
    text: str


class Choices(BaseModel):
    ask: str
    options: list[Option]
    otherwise: str = Field(description="the option a yes without one counts as")


class Question(BaseModel):
    id: str
    text: str
    severity: str
    sources: list[str]
    choices: Choices | None = Field(default=None, description="a follow-up asked after a yes: one option's id")


class ScreeningIn(In):
    yes: list[Id] = Field(
        default=[], max_length=50, description="ids of the questions answered yes, and of a follow-up's option"
    )


class ScreeningOut(BaseModel):
    verdict: Literal["go", "caution", "stop"]
    reasons: list[str]
    advice: str
    answered_yes: list[str]
    screened_at: str
    invalidated: str | None
    urgency: Literal["emergency", "today"] | None = Field(
        default=None, description="a stop's: get help now (emergency) or see a doctor today"
    )


@dataclass(frozen=True, kw_only=True)
class PlanIn(PlanRequest):
    """A plan request, and whether a professional has cleared the person despite a caution."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA
    ack_caution: Flag = False


class Step(BaseModel):
    kind: StepKind
    side: Side | None
    rep: int | None
    seconds: int
    cue: str


@record
class Dose(Dosage):
    """How much of an exercise to do, and the same in words ("3 x 30 s each side")."""

    words: str


class PlanItemOut(BaseModel):
    exercise: str
    name: str
    seconds: int
    why: list[str]
    reasons: list[str] = Field(default=[], description="why it is in the routine, in plain words")
    dose: Dose
    modifications: list[str]
    steps: list[Step]


class RequestOut(BaseModel):
    """What a routine was made for (a written routine: what its own exercises allow)."""

    conditions: list[str]
    minutes: int
    equipment: list[str] | None
    avoid_positions: list[str]
    no_floor: bool
    warmed_up: bool
    without: list[str]
    new_to_stretching: bool = False
    pain_today: int | None = None


class PlanOut(BaseModel):
    total_seconds: int
    minutes: int
    conditions_covered: list[str]
    conditions_uncovered: list[str]
    notes: list[str]
    items: list[PlanItemOut]
    request: RequestOut | None = Field(
        default=None, description="what the routine allows an easier exercise after pain to be; null: not known"
    )
    proven_best: bool = Field(
        default=True, description="false when the catalogue was too large to prove this the best routine there is"
    )


class RoutineOut(BaseModel):
    name: str
    plan: PlanOut


class Cue(BaseModel):
    at: float
    kind: str
    text: str


class TimelineStep(Step):
    item: int
    exercise: str
    name: str
    position: str
    sided: bool
    rounds: int
    work: bool
    lead_in: bool
    cues: list[Cue]
    moving: TimelineStep | None = Field(
        default=None, description="a lead-in's longer version, for getting there from another position"
    )


class SessionIn(In):
    routine: Id | None = Field(default=None, description="a saved routine's name; null: the one saved last")
    pain_before: Pain | None = None
    ack_caution: bool = False
    key: Key | None = None
    started_at: AwareDatetime | None = Field(
        default=None, strict=False, description=device_time_note("When the session began")
    )


class SessionOpened(BaseModel):
    id: int
    total_seconds: int
    plan: PlanOut
    timeline: list[TimelineStep]


@dataclass(frozen=True, kw_only=True)
class SetIn(FinishedSet):
    """A set as it ended in the player, under the player's name for it, and when it ended there."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA
    key: Key | None = None
    ended_at: Annotated[AwareDatetime | None, Described(device_time_note("When the set ended"))] = None


@dataclass(frozen=True, kw_only=True)
class SideIn(SideAnswer):
    """Which side felt tighter after a sided stretch, under the player's name for it."""

    __pydantic_config__: ClassVar[dict[str, Any]] = FORBID_EXTRA
    key: Key | None = None


class HurtIn(In):
    exercise: Id
    item: int = Field(ge=0, le=1000, description="the number to give the easier exercise's steps")


class HurtOut(BaseModel):
    exercise: str
    easier: PlanItemOut | None
    timeline: list[TimelineStep]
    advice: str


class FinishIn(In):
    state: Literal["finished", "quit", "ended"]
    pain_after: Pain | None = None
    ended_at: AwareDatetime | None = Field(
        default=None, strict=False, description=device_time_note("When the session ended")
    )


class ExerciseOut(BaseModel):
    """What became of one exercise in a session (progress/exercise_history.py)."""

    exercise: str
    outcome: Literal["done", "partly", "skipped", "stopped", "passed-over", "not-reached"]
    sets_done: int
    sets_skipped: int
    seconds: float
    planned_seconds: int
    longest_hold: float | None
    stopped_for_pain: bool
    pain: int | None
    tighter: Literal["left", "right", "same"] | None


class SessionOut(BaseModel):
    id: int
    started_at: str
    ended_at: str | None
    state: str
    planned_seconds: int
    seconds_done: float
    sets_done: int
    sets_skipped: int
    pain_before: int | None
    pain_after: int | None
    hurt: list[str]
    sets: list[FinishedSet] | None = None
    sides: list[SideAnswer] | None = None
    counts: bool | None = None  # one session: whether it counts toward the goal (progress/counting.py)
    exercises: list[ExerciseOut] | None = None  # one session: each exercise of its routine


class ActivityIn(In):
    activity: Annotated[str, Field(min_length=1, max_length=200)]
    score: Pain | None = Field(default=None, description="how well you can do it now: 0 = not at all, 10 = fully")


class RatingIn(In):
    score: Annotated[int, Field(ge=0, le=10)]


class Activity(BaseModel):
    id: int
    activity: str
    ratings: list[dict[str, Any]]


class Ok(BaseModel):
    ok: bool = True


# --- clinic mode -----------------------------------------------------------------------------------


class ClientIn(In):
    username: str = Field(description="2 to 64 lower-case letters, digits, '.', '_', '-', '@' or '+'")
    # No length limits in the schema: a refusal would repeat the value back. The service checks it.
    password: str = Field(description="10 to 1024 characters; the client can change it after signing in")


class ClientOut(BaseModel):
    id: int
    username: str
    created_at: str


class ClientDetail(ClientOut):
    screening: ScreeningOut | None = Field(description="the client's latest safety check, if any")
    routines: list[str]


@functools.cache
def _plan_in_adapter() -> TypeAdapter[PlanIn]:
    return TypeAdapter(PlanIn)


def plan_in_from_form(fields: dict[str, Any]) -> PlanIn:
    """A plan request from a page's form or query (its numbers already numbers); BadRequest names
    the first field that is wrong and says what is valid."""
    try:
        return _plan_in_adapter().validate_python(fields)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        raise BadRequest(f"{field_words(first['loc'])} {problem_words(first)}") from None
