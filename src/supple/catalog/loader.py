"""Load the catalogue from package data (and a user's own folder), validating as it goes.

Every failure becomes a DataFileError naming the file, the field and the problem, so a broken
file is reported in one line instead of a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol, Self, TypeVar

from supple.catalog import data_dir
from supple.catalog.checks import Problem, check_links, check_vocabulary_ids
from supple.catalog.models import Catalog, Exercise, FileProblem, Principles, Vocabulary
from supple.errors import DataFileError
from supple.validation import problem_words


class Validates(Protocol):
    """A pydantic model, or one of the catalogue's records."""

    @classmethod
    def model_validate(cls, obj: Any, /) -> Self: ...


Model = TypeVar("Model", bound=Validates)
# Reads and parses one data file. The default parses YAML every time; services pass one that
# keeps parsed files in a cache, since parsing is most of a cold command's loading time.
Reader = Callable[[Path], Any]


# No supple file nests more than a few levels. libyaml's composer recurses once per level, so a
# file of nothing but brackets ("[[[[...") overflows the C stack and kills the process outright.
MAX_NESTING = 100
_BRACKETS = re.compile(r"[\[\]{}]")


# Far past any supple file (an exercise is a few KB): what never ends (/dev/zero) is read no further.
LARGEST_FILE = 1024 * 1024


def read_yaml(path: Path) -> Any:
    try:
        with path.open("rb") as file:
            data = file.read(LARGEST_FILE + 1)
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DataFileError(str(path), "", "cannot be read: it is not saved as UTF-8 text") from None
    except FileNotFoundError:  # a link to a file that has gone
        raise DataFileError(str(path), "", "cannot be read: the file it links to does not exist") from None
    except IsADirectoryError:
        raise DataFileError(str(path), "", "cannot be read: it is a folder, not a file") from None
    except OSError as error:
        raise DataFileError(str(path), "", f"cannot be read: {error.strerror or error}") from None
    if len(data) > LARGEST_FILE:
        raise DataFileError(str(path), "", "too large to be a supple file (over 1 MB)")
    return parse_yaml(text, str(path))


def parse_yaml(text: str, source: str) -> Any:
    """YAML text (a file's, or a routine pasted into a page); `source` names it in errors."""
    import yaml  # only when a file is parsed, not when it comes from the cache

    depth = _flow_depth(text)
    if depth > MAX_NESTING:
        raise DataFileError(source, "", f"nested {depth} levels deep (at most {MAX_NESTING})")
    # The C loader is several times faster; fall back where PyYAML was built without libyaml.
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DataFileError(source, "", f"not valid YAML: {where}{problem}") from None


def _flow_depth(text: str) -> int:
    """How deep the brackets nest, an upper bound on the flow collections' nesting (a bracket in a
    quoted string counts too: no real file has a hundred). Indented blocks cannot nest as deep:
    each level costs a line and another space of indentation."""
    depth = deepest = 0
    for bracket in _BRACKETS.finditer(text):
        depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def field_path(location: tuple[int | str, ...]) -> str:
    """('dosage', 'hold_s') -> 'dosage.hold_s'; ('steps', 2) -> 'steps[2]'."""
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


# What pydantic calls an unknown key: in a model (extra="forbid") and in a record (a dataclass).
UNKNOWN_KEY = frozenset({"extra_forbidden", "unexpected_keyword_argument"})


def parse(model: type[Model], data: Any, path: Path) -> Model:
    from pydantic import ValidationError

    if not isinstance(data, dict):
        found = "nothing" if data is None else type(data).__name__
        raise DataFileError(str(path), "", f"expected a mapping of fields, found {found}")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        message = problem_words(first)
        if first["type"] in UNKNOWN_KEY:
            message = "unknown field (check the spelling against the catalogue format)"
        raise DataFileError(str(path), field_path(tuple(first["loc"])), message) from None


def raise_first(path: Path, problems: list[Problem]) -> None:
    """Report the first problem found in a file, as a DataFileError."""
    if problems:
        raise DataFileError(str(path), *problems[0])


def load_vocabulary(path: Path, read: Reader = read_yaml) -> Vocabulary:
    return parse(Vocabulary, read(path), path)


def load_exercise(path: Path, vocabulary: Vocabulary, read: Reader = read_yaml) -> Exercise:
    exercise = parse(Exercise, read(path), path)
    raise_first(path, check_vocabulary_ids(exercise, vocabulary))
    expected = f"{exercise.id}.yaml"
    if path.name != expected:
        raise DataFileError(str(path), "id", f"the file must be named after its id: {expected}")
    return exercise


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted((entry for entry in folder.iterdir() if entry.name.endswith(".yaml")), key=lambda f: f.name)


def load_catalog(
    *, user_dir: Path | None = None, data: Path | None = None, read: Reader = read_yaml, leave_out_broken: bool = False
) -> Catalog:
    """The built-in catalogue, plus the user's own exercise files when `user_dir` exists.

    A user file may not reuse a built-in id: shadowing a vetted exercise silently would change
    what a routine means without anyone noticing. A user file that does not load raises, unless
    `leave_out_broken`: then it is left out and listed in the catalogue's `left_out`, so that one
    broken file of a person's own stops nothing else (a session, a set, the other pages).
    """
    root = data if data is not None else data_dir()
    vocabulary = load_vocabulary(root / "vocab.yaml", read)
    principles = parse(Principles, read(root / "principles.yaml"), root / "principles.yaml")
    exercises: dict[str, Exercise] = {}
    origins: dict[str, str] = {}
    for path in _yaml_files(root / "exercises"):
        _add(exercises, origins, load_exercise(path, vocabulary, read), path)
    builtin = set(exercises)
    left_out: list[FileProblem] = []
    for path in _yaml_files(user_dir) if user_dir is not None else []:
        try:
            _add(exercises, origins, load_exercise(path, vocabulary, read), path)
        except DataFileError as error:
            if not leave_out_broken:
                raise
            left_out.append(FileProblem(str(error.path), error.field, error.problem))
    # Leaving one out can break the links of another that named it: check until none is broken.
    while link_problems := check_links(exercises):
        exercise_id, problems = next(iter(link_problems.items()))
        if exercise_id in builtin or not leave_out_broken:
            raise DataFileError(origins[exercise_id], *problems[0])
        left_out.append(FileProblem(origins.pop(exercise_id), *problems[0]))
        del exercises[exercise_id]
    return Catalog(
        vocabulary=vocabulary, principles=principles, exercises=exercises, origins=origins, left_out=tuple(left_out)
    )


def _add(exercises: dict[str, Exercise], origins: dict[str, str], exercise: Exercise, path: Path) -> None:
    if exercise.id in exercises:
        clash = f"{exercise.id!r} is already defined in {origins[exercise.id]}; choose a new id"
        raise DataFileError(str(path), "id", clash)
    exercises[exercise.id] = exercise
    origins[exercise.id] = str(path)


def builtin_catalog(read: Reader = read_yaml) -> Catalog:
    """The bundled catalogue (the application context keeps it once loaded: services/content.py)."""
    return load_catalog(read=read)
