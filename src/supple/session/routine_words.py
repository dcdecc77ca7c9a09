"""A routine's problem in words for the clinician who wrote it (docs/routines.md, the web's form):
"The first exercise's hold (hold_s) must be a whole number of seconds." rather than
"exercises[0].hold_s: must be a whole number". The field keeps its name in brackets: it is the
word the clinician wrote."""

from __future__ import annotations

import re
from dataclasses import dataclass

from supple.errors import DataFileError

ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
FIELDS = {
    "name": "name",
    "notes": "notes",
    "warmup_minutes": "warm-up minutes",
    "exercises": "list of exercises",
    "exercise": "exercise",
    "hold_s": "hold",
    "breaths": "breaths",
    "reps": "repetitions",
    "sets": "sets",
    "rest_s": "rest",
    "effort_pct": "effort",
    "rep_s": "time for each repetition",
}
LISTS = {"exercises": "exercise", "notes": "note", "items": "exercise"}
PART = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
YAML_LINE = re.compile(r"not valid YAML: line (\d+)")
UNKNOWN_EXERCISE = re.compile(r"unknown exercise '([^']*)'")
VERBS = ("is ", "must ", "needs ", "can ", "has ")


@dataclass(frozen=True)
class RoutineProblem:
    """What is wrong, as a sentence, and the exercise ids a mistyped one may have meant."""

    sentence: str
    choices: tuple[str, ...] = ()


def _nth(number: int, thing: str) -> str:
    return f"the {ORDINALS[number]} {thing}" if number < len(ORDINALS) else f"{thing} number {number + 1}"


def field_words(path: str) -> str:
    """ "exercises[0].hold_s" -> "the first exercise's hold (hold_s)"; "warmup_minutes" -> "the
    warm-up minutes (warmup_minutes)"."""
    owner, named = "", ""
    for match in PART.finditer(path):
        name, index = match.group(1), match.group(2)
        if name == "dose":  # a saved plan's item keeps its dose under "dose"
            continue
        if index is not None and name in LISTS:
            owner = _nth(int(index), LISTS[name])
            named = ""
        else:
            named = f"{FIELDS.get(name, name.replace('_', ' '))} ({name})"
    if owner and named:
        return f"{owner}'s {named}"
    return owner or (f"the {named}" if named else "the routine")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def routine_problem(error: DataFileError) -> RoutineProblem:
    """The problem of a routine as typed or pasted, in words."""
    problem, field = error.problem, error.field
    line = YAML_LINE.match(problem)
    if line:
        return RoutineProblem(
            f"Line {line.group(1)} of the routine could not be read: write each field as name: value, "
            "with the lines of one exercise lined up under each other, as in the example."
        )
    if problem.startswith("nested"):
        return RoutineProblem("The routine is nested too deep to read: write it as in the example.")
    if problem.startswith("not valid YAML"):
        return RoutineProblem("The routine could not be read: write it as in the example.")
    if problem.startswith("expected a mapping"):
        return RoutineProblem("The routine needs its fields, each written as name: value, as in the example.")
    if error.topic == "unknown-exercise":
        owner = field_words(field.rpartition(".")[0])
        named = UNKNOWN_EXERCISE.match(problem)
        value = f" ({named.group(1)})" if named else ""
        return RoutineProblem(_sentence(f"{owner}{value} is not an exercise in supple's catalogue"), error.choices)
    if problem.startswith("unknown field"):
        where, _, name = field.rpartition(".")
        owner = field_words(where) if where else "the routine"
        return RoutineProblem(_sentence(f"{owner} has a field supple does not know: {name}; check its spelling"))
    if not field:
        return RoutineProblem(_sentence(problem))
    words = problem.replace("dosage.", "")
    if field.endswith("_s") and words.startswith("must be a whole number"):
        words += " of seconds"
    joined = " " if words.startswith(VERBS) else ": "
    return RoutineProblem(_sentence(f"{field_words(field)}{joined}{words}"))
