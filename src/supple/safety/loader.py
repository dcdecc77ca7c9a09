"""Load and cross-check the safety data against the catalogue it refers to."""

from __future__ import annotations

from pathlib import Path

from supple.catalog.checks import Problem, unknown_id, unknown_ids
from supple.catalog.loader import Reader, builtin_catalog, parse, raise_first, read_yaml
from supple.catalog.models import Catalog
from supple.errors import DataFileError
from supple.safety import data_dir
from supple.safety.models import Precaution, Precautions, Questions, SafetyData


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


def load_safety(*, catalog: Catalog, data: Path | None = None, read: Reader = read_yaml) -> SafetyData:
    root = data if data is not None else data_dir()
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
