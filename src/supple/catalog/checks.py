"""Checks that need more than one file: vocabulary ids, cited works, links between exercises."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
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


def unknown_id(field: str, kind: str, value: str, valid: Collection[str]) -> list[Problem]:
    """A problem naming `field` when `value` is not one of `valid`, with the closest ids."""
    return [] if value in valid else [(field, f"unknown {kind} {value!r}; {suggest(value, valid)}")]


def unknown_ids(field: str, kind: str, values: Iterable[str], valid: Collection[str]) -> list[Problem]:
    """The same for every item of a list field, each named with its index."""
    return [p for index, value in enumerate(values) for p in unknown_id(f"{field}[{index}]", kind, value, valid)]


def check_vocabulary_ids(exercise: Exercise, vocabulary: Vocabulary) -> list[Problem]:
    """Every id an exercise uses must be defined in vocab.yaml."""
    problems = unknown_id("position", "position", exercise.position, vocabulary.positions)
    problems += unknown_ids("targets", "muscle", exercise.targets, vocabulary.muscles)
    problems += unknown_ids("helps_with", "condition", exercise.helps_with, vocabulary.conditions)
    problems += unknown_ids("equipment.required", "equipment", exercise.equipment.required, vocabulary.equipment)
    problems += unknown_ids("equipment.optional", "equipment", exercise.equipment.optional, vocabulary.equipment)
    problems += unknown_ids("demands", "demand", exercise.demands, vocabulary.demands)
    titles = vocabulary.reference_titles()
    for index, source in enumerate(exercise.sources):
        problems += unknown_id(f"sources[{index}].title", "work", source.title, titles)
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
