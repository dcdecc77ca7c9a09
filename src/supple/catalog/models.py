"""The catalogue's data model: what an exercise file, the vocabulary and the principles contain.

Field-level rules live here (types, ranges, a dose that fits the kind); rules that need the
vocabulary or the other files (known ids, links that resolve) live in `checks.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal, get_args

from supple.catalog.pose import Pose
from supple.validation import Limits, Record

KEBAB_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[str, Limits(pattern=KEBAB_PATTERN)]
Text = Annotated[str, Limits(strip_whitespace=True, min_length=1)]
Seconds = Annotated[int, Limits(gt=0, le=3600)]
Count = Annotated[int, Limits(gt=0, le=100)]
Kind = Literal["warmup", "static", "dynamic", "isometric", "strength"]
# a tuple of at least one
Some = Limits(min_length=1)


@dataclass(frozen=True, kw_only=True)
class Source(Record):
    title: Text
    facts: Annotated[tuple[Text, ...], Some]


@dataclass(frozen=True, kw_only=True)
class Equipment(Record):
    required: tuple[Id, ...] = ()
    optional: tuple[Id, ...] = ()

    def __post_init__(self) -> None:
        both = sorted(set(self.required) & set(self.optional))
        if both:
            raise ValueError(f"listed as both required and optional: {', '.join(both)}")


@dataclass(frozen=True, kw_only=True)
class Dosage(Record):
    """How much of an exercise to do. Fields a kind does not use stay null."""

    hold_s: Seconds | None = None
    hold_range_s: tuple[Seconds, Seconds] | None = None
    breaths: Count | None = None
    reps: Count | None = None
    sets: Count | None = None
    rest_s: Annotated[int, Limits(ge=0, le=600)] | None = None
    effort_pct: Annotated[int, Limits(gt=0, le=100)] | None = None
    per_side: bool = False
    # Seconds one repetition takes: paces dynamic and strength moves (not in the JSON contract's
    # required fields, but the session timer and the planner's time estimate need it).
    rep_s: Seconds | None = None

    def __post_init__(self) -> None:
        if self.hold_range_s is not None:
            low, high = self.hold_range_s
            if low > high:
                raise ValueError(f"hold_range_s: low {low} is above high {high}")
            if self.hold_s is None:
                raise ValueError("hold_range_s is set but hold_s is not")
            if not low <= self.hold_s <= high:
                raise ValueError(f"hold_s {self.hold_s} is outside hold_range_s [{low}, {high}]")


@dataclass(frozen=True, kw_only=True)
class Variation(Record):
    name: Text
    steps: Annotated[tuple[Text, ...], Some]


def _require(dosage: Dosage, kind: str, *fields: str) -> None:
    missing = [name for name in fields if getattr(dosage, name) is None]
    if missing:
        raise ValueError(f"a {kind} exercise needs dosage.{' and dosage.'.join(missing)}")


def _forbid(dosage: Dosage, kind: str, *fields: str) -> None:
    present = [name for name in fields if getattr(dosage, name) is not None]
    if present:
        raise ValueError(f"a {kind} exercise has no use for dosage.{', dosage.'.join(present)}")


def check_dose_fits_kind(kind: Kind, dosage: Dosage) -> None:
    """Raise ValueError when the dose does not make sense for the kind of exercise."""
    if kind == "static":
        if (dosage.hold_s is None) == (dosage.breaths is None):
            raise ValueError("a static stretch needs either dosage.hold_s or dosage.breaths")
        _require(dosage, kind, "reps")
        _forbid(dosage, kind, "effort_pct", "rep_s")
    elif kind == "isometric":
        _require(dosage, kind, "hold_s", "reps")
        _forbid(dosage, kind, "breaths", "rep_s")
    elif kind in ("dynamic", "strength"):
        _require(dosage, kind, "reps", "rep_s")
        _forbid(dosage, kind, "breaths", "effort_pct")
        if kind == "strength":
            _forbid(dosage, kind, "hold_s", "hold_range_s")
    else:  # warmup: a span of light activity
        _require(dosage, kind, "hold_s")
        _forbid(dosage, kind, "breaths", "effort_pct", "rep_s")


@dataclass(frozen=True, kw_only=True)
class Exercise(Record):
    """One stretch or exercise, as stored in `data/exercises/<id>.yaml`."""

    id: Id
    name: Text
    aliases: tuple[Text, ...] = ()
    summary: Text
    kind: Kind
    position: Id
    sided: bool
    targets: Annotated[tuple[Id, ...], Some]
    helps_with: tuple[Id, ...] = ()
    equipment: Equipment = field(default_factory=Equipment)
    dosage: Dosage
    steps: Annotated[tuple[Text, ...], Some]
    cues: tuple[Text, ...] = ()
    # What each part of one repetition is, spoken in time during a guided session (cat-cow:
    # breathe out and round up, breathe in and arch). Only for dynamic and strength moves.
    phases: tuple[Text, ...] = ()
    cautions: tuple[Text, ...] = ()
    variations: tuple[Variation, ...] = ()
    easier: tuple[Id, ...] = ()
    harder: tuple[Id, ...] = ()
    # Movements the exercise asks of the body (kneeling, crossing the legs...): the safety
    # precautions are written against these, so they also cover exercises users add.
    demands: tuple[Id, ...] = ()
    sources: Annotated[tuple[Source, ...], Some]
    # The figure: a stick figure drawn by supple.figures. Optional for a person's own exercises
    # (they get a plain figure of the position); every built-in exercise has one.
    pose: Pose | None = None

    def __post_init__(self) -> None:
        check_dose_fits_kind(self.kind, self.dosage)
        if self.dosage.per_side != self.sided:
            raise ValueError(
                f"dosage.per_side is {str(self.dosage.per_side).lower()} "
                f"but sided is {str(self.sided).lower()}: they must agree"
            )
        if self.phases and self.kind not in ("dynamic", "strength"):
            raise ValueError(f"phases: only dynamic and strength moves are paced by phases, not {self.kind}")
        if self.kind != "warmup" and not self.helps_with:
            raise ValueError("helps_with: only a warm-up may help with no condition")
        moving = self.kind == "dynamic" or bool(self.phases)
        if moving and self.pose is not None and len(self.pose.frames) < 2:
            raise ValueError("pose.frames: a movement needs at least two key poses, one for each end of it")
        for link in ("easier", "harder"):
            if self.id in getattr(self, link):
                raise ValueError(f"{link}: an exercise cannot link to itself")


@dataclass(frozen=True, kw_only=True)
class Term(Record):
    label: Text
    # may be left out: then it is empty (Text would refuse its own default when read back)
    description: Annotated[str, Limits(strip_whitespace=True)] = ""


@dataclass(frozen=True, kw_only=True)
class Condition(Term):
    area: Id  # where it is felt: groups the conditions when a person says what bothers them
    muscles: tuple[Id, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Position(Term):
    floor: bool


@dataclass(frozen=True, kw_only=True)
class Muscle(Term):
    area: Id


@dataclass(frozen=True, kw_only=True)
class Reference(Record):
    """A work that content cites: one of the source articles, or clinical guidance."""

    title: Text
    kind: Literal["article", "guidance"]
    file: Text | None = None


@dataclass(frozen=True, kw_only=True)
class Vocabulary(Record):
    """`data/vocab.yaml`: every id an exercise may use, with its human label."""

    conditions: dict[Id, Condition]
    positions: dict[Id, Position]
    kinds: dict[Id, Term]
    equipment: dict[Id, Term]
    areas: dict[Id, Term]
    muscles: dict[Id, Muscle]
    demands: dict[Id, Term]
    references: dict[Id, Reference]

    def __post_init__(self) -> None:
        for muscle_id, muscle in self.muscles.items():
            if muscle.area not in self.areas:
                raise ValueError(f"muscles.{muscle_id}.area: unknown area {muscle.area!r}")
        for condition_id, condition in self.conditions.items():
            if condition.area not in self.areas:
                raise ValueError(f"conditions.{condition_id}.area: unknown area {condition.area!r}")
            unknown = [m for m in condition.muscles if m not in self.muscles]
            if unknown:
                raise ValueError(f"conditions.{condition_id}.muscles: unknown muscle {unknown[0]!r}")
        missing = sorted(set(get_args(Kind)) - set(self.kinds))
        if missing:
            raise ValueError(f"kinds: missing {', '.join(missing)}")

    def reference_titles(self) -> set[str]:
        return {reference.title for reference in self.references.values()}


@dataclass(frozen=True, kw_only=True)
class Principle(Record):
    id: Id
    title: Text
    text: Text
    sources: Annotated[tuple[Source, ...], Some]


@dataclass(frozen=True, kw_only=True)
class Principles(Record):
    principles: Annotated[tuple[Principle, ...], Some]


@dataclass(frozen=True)
class FileProblem:
    """A person's own exercise file that does not load: left out of the catalogue, and said where
    they look at their exercises (a DataFileError's parts, kept as plain data in the content cache)."""

    path: str
    field: str
    problem: str


@dataclass(frozen=True)
class Catalog:
    """Everything the content files hold, validated and cross-checked."""

    vocabulary: Vocabulary
    principles: Principles
    exercises: Mapping[str, Exercise]
    # Where each exercise came from, so an error or a listing can point at the file.
    origins: Mapping[str, str] = field(default_factory=dict)
    # A person's own files that were left out, and why (only when loaded leaving them out).
    left_out: tuple[FileProblem, ...] = ()

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises.values())

    def __len__(self) -> int:
        return len(self.exercises)
