"""Load and cross-check the safety data against the catalogue it refers to."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files

from supple.catalog.checks import suggest
from supple.catalog.loader import File, builtin_catalog, parse, read_yaml
from supple.catalog.models import Catalog
from supple.errors import DataFileError
from supple.safety.models import Precaution, Precautions, Question, Questions


@dataclass(frozen=True)
class SafetyData:
    questions: tuple[Question, ...]
    precautions: tuple[Precaution, ...]

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)


def _check_id(path: File, field: str, value: str, valid: set[str], kind: str) -> None:
    if value not in valid:
        raise DataFileError(str(path), field, f"unknown {kind} {value!r}; {suggest(value, valid)}")


def _check_ids(path: File, field: str, values: tuple[str, ...], valid: set[str], kind: str) -> None:
    for index, value in enumerate(values):
        _check_id(path, f"{field}[{index}]", value, valid, kind)


def _check_precaution(path: File, index: int, precaution: Precaution, question_ids: set[str], catalog: Catalog) -> None:
    vocabulary = catalog.vocabulary
    at = f"precautions[{index}]"
    _check_ids(path, f"{at}.when_answers", precaution.when_answers, question_ids, "question")
    _check_ids(path, f"{at}.when_conditions", precaution.when_conditions, set(vocabulary.conditions), "condition")
    _check_ids(path, f"{at}.exclude_exercises", precaution.exclude_exercises, set(catalog.exercises), "exercise")
    demands = set(vocabulary.demands)
    _check_ids(path, f"{at}.exclude_demands", precaution.exclude_demands, demands, "demand")
    _check_ids(path, f"{at}.modify_demands", precaution.modify_demands, demands, "demand")
    if precaution.needs_equipment is not None:
        _check_id(path, f"{at}.needs_equipment", precaution.needs_equipment, set(vocabulary.equipment), "equipment")
    titles = vocabulary.reference_titles()
    for number, source in enumerate(precaution.sources):
        _check_id(path, f"{at}.sources[{number}].title", source.title, titles, "work")


def load_safety(*, catalog: Catalog, data: File | None = None) -> SafetyData:
    root = data if data is not None else files("supple.safety") / "data"
    questions_path, precautions_path = root / "questions.yaml", root / "precautions.yaml"
    questions = parse(Questions, read_yaml(questions_path), questions_path).questions
    ids = [q.id for q in questions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataFileError(str(questions_path), "questions", f"duplicate ids: {', '.join(duplicates)}")
    titles = catalog.vocabulary.reference_titles()
    for index, question in enumerate(questions):
        for number, source in enumerate(question.sources):
            at = f"questions[{index}].sources[{number}].title"
            _check_id(questions_path, at, source.title, titles, "work")
    precautions = parse(Precautions, read_yaml(precautions_path), precautions_path).precautions
    for index, precaution in enumerate(precautions):
        _check_precaution(precautions_path, index, precaution, set(ids), catalog)
    return SafetyData(questions=questions, precautions=precautions)


@functools.cache
def builtin_safety() -> SafetyData:
    return load_safety(catalog=builtin_catalog())
