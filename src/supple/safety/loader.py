"""Load and cross-check the safety data against the catalogue it refers to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from importlib.resources.abc import Traversable

from supple.catalog.checks import Problem, unknown_id, unknown_ids
from supple.catalog.loader import File, Reader, builtin_catalog, parse, raise_first, read_yaml
from supple.catalog.models import Catalog
from supple.errors import DataFileError
from supple.safety.models import HelpNumber, Precaution, Precautions, Question, Questions

COMPLETED_KEPT = 1024


@dataclass(frozen=True)
class SafetyData:
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


def _precaution_problems(index: int, precaution: Precaution, answer_ids: set[str], catalog: Catalog) -> list[Problem]:
    vocabulary = catalog.vocabulary
    at = f"precautions[{index}]"
    demands = set(vocabulary.demands)
    problems = [
        *unknown_ids(f"{at}.when_answers", "question", precaution.when_answers, answer_ids),
        *unknown_ids(f"{at}.when_conditions", "condition", precaution.when_conditions, vocabulary.conditions),
        *unknown_ids(f"{at}.exclude_exercises", "exercise", precaution.exclude_exercises, catalog.exercises),
        *unknown_ids(f"{at}.exclude_demands", "demand", precaution.exclude_demands, demands),
        *unknown_ids(f"{at}.modify_demands", "demand", precaution.modify_demands, demands),
    ]
    if precaution.needs_equipment is not None:
        problems += unknown_id(f"{at}.needs_equipment", "equipment", precaution.needs_equipment, vocabulary.equipment)
    titles = vocabulary.reference_titles()
    for number, source in enumerate(precaution.sources):
        problems += unknown_id(f"{at}.sources[{number}].title", "work", source.title, titles)
    return problems


def safety_data_dir() -> Traversable:
    return files("supple.safety") / "data"


def load_safety(*, catalog: Catalog, data: File | None = None, read: Reader = read_yaml) -> SafetyData:
    root = data if data is not None else safety_data_dir()
    questions_path, precautions_path = root / "questions.yaml", root / "precautions.yaml"
    parsed = parse(Questions, read(questions_path), questions_path)
    questions = parsed.questions
    ids = [answer for q in questions for answer in (q.id, *q.option_ids)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataFileError(str(questions_path), "questions", f"duplicate ids: {', '.join(duplicates)}")
    titles = catalog.vocabulary.reference_titles()
    for index, question in enumerate(questions):
        for number, source in enumerate(question.sources):
            raise_first(
                questions_path, unknown_id(f"questions[{index}].sources[{number}].title", "work", source.title, titles)
            )
    for index, help_number in enumerate(parsed.help_numbers):
        for cited, source in enumerate(help_number.sources):
            raise_first(
                questions_path,
                unknown_id(f"help_numbers[{index}].sources[{cited}].title", "work", source.title, titles),
            )
    precautions = parse(Precautions, read(precautions_path), precautions_path).precautions
    for index, precaution in enumerate(precautions):
        raise_first(precautions_path, _precaution_problems(index, precaution, set(ids), catalog))
    return SafetyData(questions=questions, precautions=precautions, help_numbers=parsed.help_numbers)


def builtin_safety(read: Reader = read_yaml) -> SafetyData:
    return load_safety(catalog=builtin_catalog(read), read=read)
