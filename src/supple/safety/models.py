"""The safety data: screening questions and the precautions their answers switch on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from supple.catalog.models import Id, Some, Source, Text
from supple.validation import Record

Severity = Literal["stop", "caution", "adjust"]


@dataclass(frozen=True, kw_only=True)
class Question(Record):
    id: Id
    text: Text
    severity: Severity
    reason: Text  # what was reported, in plain words: "new difficulty controlling the bladder"
    action: Text  # what to do about it, and how urgently
    sources: Annotated[tuple[Source, ...], Some]


@dataclass(frozen=True, kw_only=True)
class Questions(Record):
    questions: Annotated[tuple[Question, ...], Some]


@dataclass(frozen=True, kw_only=True)
class Precaution(Record):
    id: Id
    title: Text
    when_answers: tuple[Id, ...] = ()
    when_conditions: tuple[Id, ...] = ()
    exclude_exercises: tuple[Id, ...] = ()
    exclude_demands: tuple[Id, ...] = ()
    modify_demands: tuple[Id, ...] = ()
    modification: Text | None = None
    needs_equipment: Id | None = None
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


@dataclass(frozen=True, kw_only=True)
class Precautions(Record):
    precautions: Annotated[tuple[Precaution, ...], Some]
