"""Malformed files people hand to supple: routine files, their own exercises, backups.

Each one, on the command line and on the web, gets a clear refusal naming the file, the field and
the problem: exit 2 (never a traceback) and a 4xx page or answer (never a 500).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.store.backups import a_backup
from tests.web.clinic import Clinic, Clock, form
from tests.web.fuzzing import cheap_passwords

from supple.config import Settings
from supple.web.app import create_app

EXERCISE = (files("supple.catalog") / "data" / "exercises" / "cat-cow.yaml").read_text(encoding="utf-8")
EXERCISE = EXERCISE.replace("id: cat-cow", "id: my-stretch")
ROUTINE = "name: Morning\nexercises:\n  - exercise: cat-cow\n    reps: 4\n"
BACKUP = json.dumps(a_backup())
TWICE_MORNING = a_backup()
KEPT = len(TWICE_MORNING["people"][0]["routines"])
TWICE_MORNING["people"][0]["routines"] *= 2  # a hand-edited file: a database keeps one routine of a name
DEEP = "[" * 100_000 + "]" * 100_000  # enough to overflow libyaml's C stack (a crash, once)


@dataclass(frozen=True)
class Case:
    what: str  # "routine", "exercise" or "backup"
    name: str
    content: bytes
    field: str  # "" when the problem is the whole file's
    problem: str
    web: str = ""  # what a web page says instead, in words for a person, when it says less


def case(what: str, name: str, content: str | bytes, field: str, problem: str, web: str = "") -> Case:
    return Case(what, name, content.encode() if isinstance(content, str) else content, field, problem, web)


CASES = [
    case("routine", "empty file", "", "", "expected a mapping of fields, found nothing"),
    case("routine", "bad YAML", "exercises: [cat-cow\n", "", "not valid YAML: line 2",
         "Line 2 of the routine could not be read"),
    case("routine", "wrong type", "exercises: 5\n", "exercises", "must be a list",
         "The list of exercises (exercises) must be a list."),
    case("routine", "unknown id", ROUTINE.replace("cat-cow", "cat-cwo"), "exercises[0].exercise",
         "unknown exercise 'cat-cwo'", "The first exercise (cat-cwo) is not an exercise in supple's catalogue."),
    case("routine", "missing field", "name: Morning\n", "exercises", "is missing",
         "The list of exercises (exercises) is missing."),
    case("routine", "huge value", ROUTINE.replace("reps: 4", "reps: 1" + "0" * 40), "exercises[0].reps",
         "must be 100 or less", "The first exercise's repetitions (reps) must be 100 or less."),
    case("routine", "wrong encoding", "name: Caf\xe9 routine\n".encode("latin-1"), "", "cannot be read"),
    case("routine", "deep nesting", f"exercises: {DEEP}\n", "", "nested 100000 levels deep"),
    case("exercise", "empty file", "", "", "expected a mapping of fields, found nothing"),
    case("exercise", "bad YAML", EXERCISE.replace("aliases: [", "aliases: [[", 1), "", "not valid YAML"),
    case("exercise", "wrong type", EXERCISE.replace("sided: false", "sided: [left]"), "sided", "must be true or false"),
    case("exercise", "unknown id", EXERCISE.replace("helps_with: [", "helps_with: [backache, "), "helps_with",
         "backache"),
    case("exercise", "missing field", EXERCISE.replace("kind: dynamic\n", ""), "kind", "is missing"),
    case("exercise", "huge value", EXERCISE.replace("reps: 8", "reps: 1" + "0" * 40), "dosage.reps",
         "must be 100 or less"),
    case("exercise", "wrong encoding", EXERCISE.replace("Cat-cow", "Caf\xe9").encode("latin-1"), "",
         "cannot be read"),
    case("exercise", "deep nesting", f"{EXERCISE}\nextra: {DEEP}\n", "", "nested 100000 levels deep"),
    case("backup", "empty file", "", "", "not valid JSON"),
    case("backup", "bad JSON", BACKUP[:40], "", "not valid JSON"),
    case("backup", "wrong type", BACKUP.replace('"people": [', '"people": "x", "was": ['), "", "damaged"),
    case("backup", "unknown format", BACKUP.replace("supple-backup", "other-backup"), "", "not a supple backup"),
    case("backup", "missing field", BACKUP.replace('"exported_at"', '"exported"'), "exported_at", "is missing",
         "damaged and cannot be restored"),
    case("backup", "huge value", BACKUP.replace('"step": 1', '"step": 1' + "0" * 40),
         "people[0].sessions[0].sets[0].step", "or less", "damaged and cannot be restored"),
    case("backup", "wrong encoding", BACKUP.replace("Climbing", "Caf\xe9").encode("latin-1"), "", "not valid JSON"),
    case("backup", "deep nesting", DEEP, "", "nested too deep"),
    case("backup", "two routines of one name", json.dumps(TWICE_MORNING), f"people[0].routines[{KEPT}].name",
         "two routines named 'morning'", "it holds two routines named 'morning'"),
]  # fmt: skip
IDS = [f"{c.what}: {c.name}" for c in CASES]


def write(home: Path, tmp_path: Path, malformed: Case) -> Path:
    if malformed.what == "exercise":
        path = home / "exercises" / "my-stretch.yaml"
        path.parent.mkdir(exist_ok=True)
    else:
        path = tmp_path / ("backup.json" if malformed.what == "backup" else "routine.yaml")
    path.write_bytes(malformed.content)
    return path


def says_what_is_wrong(text: str, malformed: Case, source: str, *, on_a_page: bool = False) -> None:
    assert "Traceback" not in text
    assert source in text, "names the file"
    if on_a_page and malformed.web:  # a page leaves out where in the file, and says it in words
        assert malformed.web in text, "says the problem in words"
        return
    assert malformed.field in text, "names the field"
    assert malformed.problem in text, "says the problem"


@pytest.mark.parametrize("malformed", CASES, ids=IDS)
def test_the_command_line_refuses_it_with_exit_2_naming_file_field_and_problem(
    malformed: Case, run_cli: Callable[..., object], home: Path, tmp_path: Path
) -> None:
    assert run_cli("screen", "--none").code == 0  # type: ignore[attr-defined]
    path = write(home, tmp_path, malformed)
    command = {"routine": ("go", "--plan", str(path), "--dry-run"), "exercise": ("catalog",),
               "backup": ("import", str(path))}[malformed.what]  # fmt: skip
    result = run_cli(*command)
    assert result.code == 2, result  # type: ignore[attr-defined]
    says_what_is_wrong(result.err, malformed, str(path))  # type: ignore[attr-defined]


def of(what: str) -> list[Case]:
    return [c for c in CASES if c.what == what]


@pytest.mark.parametrize("malformed", of("exercise"), ids=[c.name for c in of("exercise")])
def test_the_web_names_a_broken_exercise_file_where_exercises_are_listed_and_leaves_it_out(
    malformed: Case, home: Path, tmp_path: Path
) -> None:
    path = write(home, tmp_path, malformed)
    with TestClient(create_app(Settings(home=home))) as client:
        answer, page = client.get("/api/catalog"), client.get("/exercises")
    assert answer.status_code == 400, "a program asking for the catalogue is told"
    says_what_is_wrong(answer.json()["detail"], malformed, str(path))
    assert page.status_code == 200, "the person sees every other exercise"
    assert "One of your own exercises could not be read" in page.text
    assert "my-stretch.yaml" in page.text and str(path.parent) not in page.text, "the file, not its folder"
    assert malformed.problem.replace("'", "&#39;") in page.text


@pytest.mark.parametrize("malformed", of("backup"), ids=[c.name for c in of("backup")])
def test_the_web_refuses_a_broken_backup_with_a_400_naming_it(malformed: Case, home: Path) -> None:
    with TestClient(create_app(Settings(home=home))) as client:
        client.get("/")
        restored = form(client, "/import", files={"backup": ("mine.json", malformed.content, "application/json")})
        assert restored.status_code == 400
        page = restored.text.replace("&#34;", '"').replace("&#39;", "'")
        says_what_is_wrong(page, malformed, "mine.json", on_a_page=True)
        assert client.get("/api/routines").json() == [], "nothing restored"


# A page's text is never in the wrong encoding (the browser sends UTF-8) nor empty (the form
# requires it); it is at most 20,000 characters, which still nest 9,000 deep.
PASTED = [c for c in of("routine") if c.name not in ("wrong encoding", "empty file", "deep nesting")]
PASTED.append(
    case(
        "routine",
        "deep nesting",
        f"exercises: {DEEP[:9000]}{DEEP[-9000:]}",
        "",
        "nested 9000 levels",
        "The routine is nested too deep to read",
    )
)


@pytest.mark.parametrize("malformed", PASTED, ids=[c.name for c in PASTED])
def test_a_routine_pasted_into_the_clinic_page_is_refused_with_a_4xx_naming_it(malformed: Case, home: Path) -> None:
    settings = Settings(home=home, multi_user=True)
    clock = Clock()
    clinic = Clinic(create_app(settings, clock=clock, passwords=cheap_passwords()), clock)
    try:
        clinic.add("carol")
        sam = clinic.add("sam", clinician="carol")
        carol, sam_screened = clinic.sign_in("carol"), clinic.sign_in("sam")
        assert sam_screened.post("/api/screening", json={"yes": []}).status_code == 200
        text = malformed.content.decode()
        given = form(carol, f"/clients/{sam}/written-routines", {"name": "morning", "text": text})
        assert given.status_code == 400
        page = given.text.replace("&#39;", "'")
        assert "Traceback" not in page and malformed.web in page, "says the problem in words, on the form"
        assert "routine morning:" not in page, "the problem is said without the file's name for it"
        assert text in html.unescape(page), "the text comes back on the form, to put right"
    finally:
        clinic.close()
