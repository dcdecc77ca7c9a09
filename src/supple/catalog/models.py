"""The catalogue's data model: what an exercise file, the vocabulary and the principles contain.

Field-level rules live here (types, ranges, a dose that fits the kind); rules that need the
vocabulary or the other files (known ids, links that resolve) live in `checks.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Literal, get_args

from supple.catalog.camera import CameraCheck
from supple.catalog.pose import Pose
from supple.validation import Limits, Record, record

KEBAB_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"

Id = Annotated[str, Limits(pattern=KEBAB_PATTERN)]
Text = Annotated[str, Limits(strip_whitespace=True, min_length=1)]
Seconds = Annotated[int, Limits(gt=0, le=3600)]
Count = Annotated[int, Limits(gt=0, le=100)]
Kind = Literal["warmup", "static", "dynamic", "isometric", "strength"]
# How hard an exercise is on the body: the planner keeps a new person, or one in pain today, to
# gentle ones, and never lets a deep one be a condition's only exercise (vocab.yaml `levels`).
Level = Literal["gentle", "standard", "deep"]
# a tuple of at least one
Some = Limits(min_length=1)


@record
class Source(Record):
    """A cited work, by its title as the vocabulary lists it, with the facts taken from it."""

    title: Text
    facts: Annotated[tuple[Text, ...], Some]


@record
class Equipment(Record):
    """What an exercise needs at hand, and what helps but can be done without."""

    required: tuple[Id, ...] = ()
    optional: tuple[Id, ...] = ()

    def __post_init__(self) -> None:
        both = sorted(set(self.required) & set(self.optional))
        if both:
            raise ValueError(f"listed as both required and optional: {', '.join(both)}")


@record
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


@record
class Variation(Record):
    """Another way to do an exercise, easier or harder, with its own steps."""

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


@record
class Exercise(Record):
    """One stretch or exercise, as stored in `data/exercises/<id>.yaml`."""

    id: Id
    name: Text
    aliases: tuple[Text, ...] = ()
    summary: Text
    kind: Kind
    # Optional for a person's own exercises (standard); every built-in exercise states its own.
    level: Level = "standard"
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
    # What the phone's camera can check of the position (catalog/camera.py); none: it cannot.
    camera: CameraCheck | None = None

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
        if self.camera is not None:
            if self.pose is None:
                raise ValueError("camera: the checks are worked out from the pose, and there is none")
            frames = len(self.pose.frames)
            if self.camera.key_pose is not None and self.camera.key_pose >= frames:
                raise ValueError(f"camera.key_pose: the pose has {frames} key poses, counted from 0")
            if self.camera.counts is not None and frames < 2:
                raise ValueError("camera.counts: repetitions swing between two key poses, and the pose has one")
        for link in ("easier", "harder"):
            if self.id in getattr(self, link):
                raise ValueError(f"{link}: an exercise cannot link to itself")


@record
class Term(Record):
    """An entry of the vocabulary: its label as a person reads it, and what it means."""

    label: Text
    # may be left out: then it is empty (Text would refuse its own default when read back)
    description: Annotated[str, Limits(strip_whitespace=True)] = ""


@record
class Condition(Term):
    """Something that bothers a person (sciatica, hip pain...), which routines are made for."""

    area: Id  # where it is felt: groups the conditions when a person says what bothers them
    # The key muscles: those whose tightness the sources tie to this condition. The planner prefers
    # exercises whose main target is one of them, and `why` says in plain words why each matters.
    muscles: tuple[Id, ...] = ()
    why: dict[Id, Text] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()

    def __post_init__(self) -> None:
        missing = [m for m in self.muscles if m not in self.why]
        if missing:
            raise ValueError(f"why: say why {missing[0]} matters for this condition")
        extra = [m for m in self.why if m not in self.muscles]
        if extra:
            raise ValueError(f"why: {extra[0]} is not one of this condition's muscles")
        if self.muscles and not self.sources:
            raise ValueError("sources: cite where the key muscles come from")


@record
class Position(Term):
    """How the body is placed for an exercise; `floor` says whether it means getting down."""

    floor: bool


@record
class Muscle(Term):
    """A muscle an exercise stretches or strengthens, and the area it is in."""

    area: Id
    # Muscles stretched in nearly the same way (the two calf muscles): a routine counts one
    # exercise per group before it repeats one. Left out, the muscle is a group of its own.
    group: Id | None = None


@record
class Item(Term):
    """A piece of equipment, and what can stand in for it (a chair's seat for a raised surface)."""

    stand_ins: tuple[Id, ...] = ()


@record
class Reference(Record):
    """A work that content cites: one of the source articles, or clinical guidance."""

    title: Text
    kind: Literal["article", "guidance"]
    file: Text | None = None
    url: Text | None = None  # where a reader can find it


@record
class Vocabulary(Record):
    """`data/vocab.yaml`: every id an exercise may use, with its human label."""

    conditions: dict[Id, Condition]
    positions: dict[Id, Position]
    kinds: dict[Id, Term]
    levels: dict[Id, Term]
    equipment: dict[Id, Item]
    areas: dict[Id, Term]
    muscles: dict[Id, Muscle]
    demands: dict[Id, Term]
    references: dict[Id, Reference]

    def __post_init__(self) -> None:
        for muscle_id, muscle in self.muscles.items():
            if muscle.area not in self.areas:
                raise ValueError(f"muscles.{muscle_id}.area: unknown area {muscle.area!r}")
        for condition_id, condition in self.conditions.items():
            self._check_condition(condition_id, condition)
        for item_id, item in self.equipment.items():
            unknown = [i for i in item.stand_ins if i not in self.equipment or i == item_id]
            if unknown:
                raise ValueError(f"equipment.{item_id}.stand_ins: unknown or the item itself: {unknown[0]!r}")
        for name, expected, found in (("kinds", Kind, self.kinds), ("levels", Level, self.levels)):
            missing = sorted(set(get_args(expected)) - set(found))
            if missing:
                raise ValueError(f"{name}: missing {', '.join(missing)}")

    def _check_condition(self, condition_id: str, condition: Condition) -> None:
        if condition.area not in self.areas:
            raise ValueError(f"conditions.{condition_id}.area: unknown area {condition.area!r}")
        unknown = [m for m in condition.muscles if m not in self.muscles]
        if unknown:
            raise ValueError(f"conditions.{condition_id}.muscles: unknown muscle {unknown[0]!r}")
        titles = self.reference_titles()
        for index, source in enumerate(condition.sources):
            if source.title not in titles:
                raise ValueError(f"conditions.{condition_id}.sources[{index}].title: unknown work {source.title!r}")

    def reference_titles(self) -> set[str]:
        return {reference.title for reference in self.references.values()}

    def group_of(self, muscle: str) -> str:
        """The group a muscle is counted in: its own id unless vocab.yaml groups it."""
        found = self.muscles.get(muscle)
        return found.group if found is not None and found.group else muscle

    def key_muscles(self, condition: str) -> tuple[str, ...]:
        return self.conditions[condition].muscles

    def stand_ins(self, item: str) -> tuple[str, ...]:
        found = self.equipment.get(item)
        return found.stand_ins if found is not None else ()


@record
class Principle(Record):
    """A rule of stretching the planner and the player follow, with the works it comes from."""

    id: Id
    title: Text
    text: Text
    sources: Annotated[tuple[Source, ...], Some]


@record
class Principles(Record):
    """The principles file: every principle, each with its sources."""

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
