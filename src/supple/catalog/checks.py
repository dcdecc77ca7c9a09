"""Checks that need more than one file: vocabulary ids, cited works, links between exercises."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from difflib import get_close_matches

from supple.catalog.models import Exercise, Vocabulary

# (field path, problem) pairs; the loader turns the first into a DataFileError.
Problem = tuple[str, str]


def suggest(value: str, valid: Iterable[str], *, limit: int = 3) -> str:
    """Close matches for a mistyped id, or the whole list when nothing is close."""
    options = sorted(valid)
    close = get_close_matches(value, options, n=limit, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return "valid: " + ", ".join(options)


def _unknown(field: str, kind: str, values: Iterable[str], valid: Mapping[str, object]) -> list[Problem]:
    return [
        (f"{field}[{index}]", f"unknown {kind} {value!r}; {suggest(value, valid)}")
        for index, value in enumerate(values)
        if value not in valid
    ]


def check_vocabulary_ids(exercise: Exercise, vocabulary: Vocabulary) -> list[Problem]:
    """Every id an exercise uses must be defined in vocab.yaml."""
    problems: list[Problem] = []
    if exercise.position not in vocabulary.positions:
        problems.append(
            ("position", f"unknown position {exercise.position!r}; {suggest(exercise.position, vocabulary.positions)}")
        )
    problems += _unknown("targets", "muscle", exercise.targets, vocabulary.muscles)
    problems += _unknown("helps_with", "condition", exercise.helps_with, vocabulary.conditions)
    problems += _unknown("equipment.required", "equipment", exercise.equipment.required, vocabulary.equipment)
    problems += _unknown("equipment.optional", "equipment", exercise.equipment.optional, vocabulary.equipment)
    problems += _unknown("demands", "demand", exercise.demands, vocabulary.demands)
    titles = vocabulary.reference_titles()
    for index, source in enumerate(exercise.sources):
        if source.title not in titles:
            problems.append(
                (f"sources[{index}].title", f"unknown work {source.title!r}; {suggest(source.title, titles)}")
            )
    return problems


def check_links(exercises: Mapping[str, Exercise]) -> dict[str, list[Problem]]:
    """easier/harder must name known exercises and must not point both ways the same way."""
    problems: dict[str, list[Problem]] = {}
    for exercise in exercises.values():
        for link in ("easier", "harder"):
            for index, target in enumerate(getattr(exercise, link)):
                if target not in exercises:
                    problem = f"links to unknown exercise {target!r}; {suggest(target, exercises)}"
                    problems.setdefault(exercise.id, []).append((f"{link}[{index}]", problem))
                elif exercise.id in getattr(exercises[target], link):
                    problem = f"{target!r} also lists {exercise.id!r} as {link}: both cannot be true"
                    problems.setdefault(exercise.id, []).append((f"{link}[{index}]", problem))
    return problems
