"""The safety data: screening questions and the precautions their answers switch on."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Annotated, Literal

from supple.catalog.models import Id, Some, Source, Text
from supple.validation import Limits, Record, record

Severity = Literal["stop", "caution", "adjust"]
# How soon a stop answer needs help: "emergency", now (a sign of cauda equina syndrome); "today",
# a doctor or an urgent care service the same day.
Urgency = Literal["emergency", "today"]
PhoneNumber = Annotated[str, Limits(pattern=r"^[0-9]{2,6}$")]


@record
class Option(Record):
    """One answer to a follow-up: answered by its id, like a question."""

    id: Id
    text: Text


@record
class Choices(Record):
    """A follow-up asked when a question is answered yes, with one answer from its options."""

    ask: Text  # "Which way did the surgeon reach your hip?"
    options: Annotated[tuple[Option, ...], Limits(min_length=2)]
    otherwise: Id  # the option a yes without one counts as ("I don't know")

    def __post_init__(self) -> None:
        ids = [option.id for option in self.options]
        if len(set(ids)) < len(ids):
            raise ValueError("options: each option needs an id of its own")
        if self.otherwise not in ids:
            raise ValueError(f"otherwise: {self.otherwise!r} is not one of the options")


@record
class Question(Record):
    """A screening question: what a yes means, how serious it is and what to do about it."""

    id: Id
    text: Text
    severity: Severity
    urgency: Urgency | None = None  # a stop question's, and only a stop question's
    reason: Text  # what was reported, in plain words: "new difficulty controlling the bladder"
    action: Text  # what to do about it, and how urgently
    choices: Choices | None = None  # a follow-up, asked after a yes
    sources: Annotated[tuple[Source, ...], Some]

    def __post_init__(self) -> None:
        if (self.severity == "stop") != (self.urgency is not None):
            raise ValueError("a stop question says how urgent it is (urgency), and only a stop question does")
        if self.choices is not None and self.severity == "stop":
            raise ValueError("choices: a stop needs no follow-up, only help")

    @property
    def option_ids(self) -> tuple[str, ...]:
        return tuple(option.id for option in self.choices.options) if self.choices else ()


@record
class HelpNumber(Record):
    """A telephone number to call for medical help. supple cannot know the country it is used in,
    so the stop screen lists each place's number."""

    where: Text  # "In the UK"
    number: PhoneNumber
    use: Text  # what it is for: "an emergency", "urgent advice that is not an emergency"
    urgency: Urgency  # shown for an emergency only, or for a same-day answer too
    sources: Annotated[tuple[Source, ...], Some]


@record
class Questions(Record):
    """The questions file: the screening questions, and the numbers to call for help."""

    questions: Annotated[tuple[Question, ...], Some]
    help_numbers: Annotated[tuple[HelpNumber, ...], Some]


@record
class Precaution(Record):
    """What a screening answer or a requested condition changes in a routine, and why."""

    id: Id
    title: Text
    when_answers: tuple[Id, ...] = ()
    when_conditions: tuple[Id, ...] = ()
    exclude_exercises: tuple[Id, ...] = ()
    exclude_demands: tuple[Id, ...] = ()
    modify_demands: tuple[Id, ...] = ()
    modification: Text | None = None
    needs_equipment: Id | None = None
    # The routine keeps to gentle exercises and short holds, as for someone new to stretching.
    gentle: bool = False
    reason: Text
    note: Text | None = None
    sources: Annotated[tuple[Source, ...], Some]

    def __post_init__(self) -> None:
        if not (self.when_answers or self.when_conditions):
            raise ValueError("a precaution needs when_answers or when_conditions")
        if bool(self.modify_demands) != (self.modification is not None):
            raise ValueError("modify_demands and modification go together")
        if self.needs_equipment is not None and not self.modify_demands:
            raise ValueError("needs_equipment only applies to a modification")


@record
class Precautions(Record):
    """The precautions file."""

    precautions: Annotated[tuple[Precaution, ...], Some]


# How many ways of answering SafetyData keeps completed before it starts again.
COMPLETED_KEPT = 1024


@dataclass(frozen=True)
class SafetyData:
    """The screening questions and the precautions, loaded and checked against the catalogue
    (safety/loader.py)."""

    questions: tuple[Question, ...]
    precautions: tuple[Precaution, ...]
    help_numbers: tuple[HelpNumber, ...] = ()

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def answer_ids(self) -> list[str]:
        """What may be answered yes: each question, and each option of a follow-up."""
        return [answer for q in self.questions for answer in (q.id, *q.option_ids)]

    @cached_property
    def _completed(self) -> dict[frozenset[str], tuple[str, ...]]:
        """Answers completed before: the web app completes a person's answers at every start of the
        player (rules.active_precautions), and there are only so many ways to answer."""
        return {}

    def complete(self, answers: Iterable[str]) -> tuple[str, ...]:
        """The answers in question order, each question followed by its options: an option alone
        counts as a yes to its question, and a yes without an option as the `otherwise` one.
        Unknown ids are dropped (a screening kept before a question was retired)."""
        given = frozenset(answers)
        known = self._completed.get(given)
        if known is None:
            known = self._complete(given)
            if len(self._completed) >= COMPLETED_KEPT:  # many ways seen: start again
                self._completed.clear()
            self._completed[given] = known
        return known

    def _complete(self, given: frozenset[str]) -> tuple[str, ...]:
        completed: list[str] = []
        for question in self.questions:
            chosen = [option for option in question.option_ids if option in given]
            if question.id not in given and not chosen:
                continue
            if question.choices is not None and not chosen:
                chosen = [question.choices.otherwise]
            completed += [question.id, *chosen]
        return tuple(completed)
