"""The safety data: screening questions and the precautions their answers switch on."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import Field, model_validator

from supple.catalog.models import Id, Record, Source, Text

Severity = Literal["stop", "caution", "adjust"]


class Question(Record):
    id: Id
    text: Text
    severity: Severity
    reason: Text  # what was reported, in plain words: "new difficulty controlling the bladder"
    action: Text  # what to do about it, and how urgently
    sources: tuple[Source, ...] = Field(min_length=1)


class Questions(Record):
    questions: tuple[Question, ...] = Field(min_length=1)


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
    sources: tuple[Source, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if not (self.when_answers or self.when_conditions):
            raise ValueError("a precaution needs when_answers or when_conditions")
        if bool(self.modify_demands) != (self.modification is not None):
            raise ValueError("modify_demands and modification go together")
        if self.needs_equipment is not None and not self.modify_demands:
            raise ValueError("needs_equipment only applies to a modification")
        return self


class Precautions(Record):
    precautions: tuple[Precaution, ...] = Field(min_length=1)
