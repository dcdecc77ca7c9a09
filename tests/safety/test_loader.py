from __future__ import annotations

import shutil
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.content import builtin_catalog

from supple.errors import DataFileError
from supple.safety.loader import load_safety


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "safety"
    shutil.copytree(Path(str(files("supple.safety") / "data")), target)
    return target


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    content = yaml.safe_load(path.read_text())
    change(content)
    path.write_text(yaml.safe_dump(content, sort_keys=False))


def error(data: Path) -> DataFileError:
    with pytest.raises(DataFileError) as caught:
        load_safety(catalog=builtin_catalog(), data=data)
    return caught.value


def test_the_bundled_data_loads() -> None:
    safety = load_safety(catalog=builtin_catalog())
    assert safety.question("pregnancy").severity == "caution"


def test_a_bad_severity_is_named(data: Path) -> None:
    edit(data / "questions.yaml", lambda d: d["questions"][0].update(severity="urgent"))
    found = error(data)
    assert (found.path.name, found.field) == ("questions.yaml", "questions[0].severity")


def test_duplicate_question_ids_are_refused(data: Path) -> None:
    edit(data / "questions.yaml", lambda d: d["questions"][1].update(id=d["questions"][0]["id"]))
    assert "duplicate ids: bladder-bowel" in str(error(data))


def test_a_question_must_cite_a_known_work(data: Path) -> None:
    edit(data / "questions.yaml", lambda d: d["questions"][2]["sources"][0].update(title="A forum post"))
    assert error(data).field == "questions[2].sources[0].title"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("when_answers", ["hip-replacment"], "unknown question 'hip-replacment'; did you mean 'hip-replacement'"),
        ("exclude_demands", ["kneeling"], "unknown demand 'kneeling'"),
        ("exclude_exercises", ["pigeon"], "unknown exercise 'pigeon'"),
        ("when_conditions", ["bad-knees"], "unknown condition 'bad-knees'"),
    ],
)
def test_a_precaution_must_refer_to_known_ids(data: Path, field: str, value: list[str], problem: str) -> None:
    edit(data / "precautions.yaml", lambda d: d["precautions"][0].update({field: value}))
    found = error(data)
    assert (found.path.name, found.field) == ("precautions.yaml", f"precautions[0].{field}[0]")
    assert problem in found.problem


def test_a_modification_needs_its_text(data: Path) -> None:
    edit(
        data / "precautions.yaml",
        lambda d: next(p for p in d["precautions"] if "modification" in p).pop("modification"),
    )
    assert "modify_demands and modification go together" in error(data).problem


def test_a_precaution_needs_a_trigger(data: Path) -> None:
    edit(data / "precautions.yaml", lambda d: d["precautions"][0].update(when_answers=[]))
    assert "needs when_answers or when_conditions" in error(data).problem


def test_a_stop_question_says_how_urgent_it_is(data: Path) -> None:
    edit(data / "questions.yaml", lambda d: d["questions"][0].pop("urgency"))
    assert "says how urgent it is" in error(data).problem


def test_only_a_stop_question_has_an_urgency(data: Path) -> None:
    edit(data / "questions.yaml", lambda d: d["questions"][6].update(urgency="today"))
    assert "only a stop question" in error(data).problem


def test_the_stop_screen_has_an_emergency_number_for_each_place_it_names() -> None:
    numbers = load_safety(catalog=builtin_catalog()).help_numbers
    emergency = {n.number for n in numbers if n.urgency == "emergency"}
    assert {"999", "911", "112"} <= emergency and "111" in {n.number for n in numbers if n.urgency == "today"}


def test_a_help_number_must_cite_a_known_work(data: Path) -> None:
    edit(data / "questions.yaml", lambda d: d["help_numbers"][0]["sources"][0].update(title="A forum post"))
    assert error(data).field == "help_numbers[0].sources[0].title"


def test_a_help_number_is_digits(data: Path) -> None:
    edit(data / "questions.yaml", lambda d: d["help_numbers"][0].update(number="nine-nine-nine"))
    assert error(data).field == "help_numbers[0].number"
