"""A printable home-exercise programme: what goes on the handout, worked out from a plan.

Pure content: `render.py` lays it out (one Jinja2 template for the web page and the PDF). Every
piece of advice comes from the catalogue's principles or the safety questions, with its sources
numbered in the order the reader meets them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from supple.catalog.dose import describe_dose
from supple.catalog.models import Catalog, Exercise, Principle, Source
from supple.planner.plan import Plan, PlanItem
from supple.progress.adherence import WEEKLY_GOAL, WEEKLY_GOAL_HIGH
from supple.safety.models import Question

# Where each exercise's figure comes from: a standalone SVG document, or None for no figure.
FigureFor = Callable[[Exercise], str | None]

CHART_WEEKS = 6  # a month and a half: long enough to see a habit form, short enough for one sheet
SAFETY_PRINCIPLES = ("mild-tension-never-pain", "see-a-professional")
TIP_PRINCIPLES = ("warm-up-first", "no-bouncing", "breathe-out-into-it")
FREQUENCY_PRINCIPLE = "how-often"


def no_figure(exercise: Exercise) -> str | None:
    """No figure: the handout leaves the space out rather than drawing placeholder art."""
    return None


@dataclass
class Citations:
    """Source titles numbered in order of first citation, so the reader meets [1] first."""

    titles: list[str] = field(default_factory=list)

    def cite(self, sources: Iterable[Source]) -> tuple[int, ...]:
        numbers = []
        for source in sources:
            if source.title not in self.titles:
                self.titles.append(source.title)
            numbers.append(self.titles.index(source.title) + 1)
        return tuple(sorted(set(numbers)))


@dataclass(frozen=True)
class Advice:
    title: str
    text: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
class UrgentSign:
    """A warning sign from the screening, with what to do about it."""

    sign: str
    action: str
    cites: tuple[int, ...]


@dataclass(frozen=True)
class HandoutExercise:
    number: int
    name: str
    dose: str  # in words: "3 x 30 s each side, rest 10 s"
    minutes: int  # about how long it takes, rounded up
    position: str
    equipment: tuple[str, ...]  # what is needed, in words
    figure: str | None  # a standalone SVG document
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    for_you: tuple[str, ...]  # changes today's screening asks for (padding under the knee...)
    cites: tuple[int, ...]
    note: str = ""  # what whoever shaped the routine says about this exercise


@dataclass(frozen=True)
class Handout:
    title: str
    person: str | None
    date: dt.date
    minutes: int
    exercises: tuple[HandoutExercise, ...]
    notes: tuple[str, ...]
    safety: tuple[Advice, ...]
    urgent: tuple[UrgentSign, ...]
    urgent_cites: tuple[int, ...]
    tips: tuple[Advice, ...]
    frequency: Advice
    weekly_goal: tuple[int, int]
    weeks: int
    sources: tuple[str, ...]
    link: str | None  # the routine in the web app, for the QR code
    note: str = ""  # what whoever shaped the routine says about all of it ("after your walk")

    @property
    def date_text(self) -> str:
        return f"{self.date.day} {self.date:%B %Y}"


def build_handout(
    plan: Plan,
    catalog: Catalog,
    questions: Iterable[Question],
    *,
    title: str,
    person: str | None,
    today: dt.date,
    figure_for: FigureFor = no_figure,
    link: str | None = None,
) -> Handout:
    """The handout for `plan`: its exercises, the safety advice and the sources, in reading order."""
    citations = Citations()
    principles = {p.id: p for p in catalog.principles.principles}
    safety = tuple(_advice(principles[p], citations) for p in SAFETY_PRINCIPLES)
    tips = tuple(_advice(principles[p], citations) for p in TIP_PRINCIPLES)
    exercises = tuple(
        _exercise(number, item, catalog, citations, figure_for) for number, item in enumerate(plan.items, 1)
    )
    frequency = _advice(principles[FREQUENCY_PRINCIPLE], citations)
    stop_questions = [q for q in questions if q.severity == "stop"]
    urgent = tuple(UrgentSign(_sentence(q.reason), q.action, citations.cite(q.sources)) for q in stop_questions)
    return Handout(
        title=title,
        person=" ".join(person.split()) if person and person.strip() else None,
        date=today,
        minutes=-(-plan.total_seconds // 60),
        exercises=exercises,
        notes=plan.notes,
        safety=safety,
        urgent=urgent,
        urgent_cites=tuple(sorted({n for sign in urgent for n in sign.cites})),
        tips=tips,
        frequency=frequency,
        weekly_goal=(WEEKLY_GOAL, WEEKLY_GOAL_HIGH),
        weeks=CHART_WEEKS,
        sources=tuple(citations.titles),
        link=link,
        note=plan.note,
    )


def _advice(principle: Principle, citations: Citations) -> Advice:
    return Advice(principle.title, principle.text, citations.cite(principle.sources))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _exercise(
    number: int, item: PlanItem, catalog: Catalog, citations: Citations, figure_for: FigureFor
) -> HandoutExercise:
    exercise = item.exercise
    vocabulary = catalog.vocabulary
    needs = tuple(vocabulary.equipment[e].label for e in exercise.equipment.required if e in vocabulary.equipment)
    return HandoutExercise(
        number=number,
        name=exercise.name,
        dose=describe_dose(exercise.kind, item.dosage, with_rest=True),
        minutes=max(1, round(item.seconds / 60)),
        position=vocabulary.positions[exercise.position].label,
        equipment=needs,
        figure=figure_for(exercise),
        steps=exercise.steps,
        cautions=exercise.cautions,
        for_you=item.modifications,
        cites=citations.cite(exercise.sources),
        note=item.note,
    )
