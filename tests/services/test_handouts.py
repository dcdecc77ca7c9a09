from __future__ import annotations

import json

import pytest

from supple.errors import BadRequest, NotFound, UnsafeToStart
from supple.planner.request import PlanRequest
from supple.services import handouts
from supple.services.catalogue import catalog
from supple.services.context import AppContext
from supple.services.planning import make_plan
from supple.services.routines import save_routine
from supple.services.screening import record_screening


@pytest.fixture
def saved(context: AppContext) -> AppContext:
    record_screening(context, yes=[])
    plan = make_plan(context, request=PlanRequest(conditions=("sciatica",), minutes=12))
    save_routine(context, name="sam-morning", plan=plan)
    return context


def test_the_routine_saved_last_is_the_default_with_its_name_as_title(saved) -> None:
    handout = handouts.make_handout(saved, person="Sam")  # today is the clock's: 2 November 2026
    assert handout.title == "Sam morning" and handout.person == "Sam" and handout.date_text == "2 November 2026"
    assert handout.exercises and handout.link is None


def test_a_base_url_links_the_qr_code_to_the_routine_in_the_player(saved) -> None:
    handout = handouts.make_handout(saved, routine="sam-morning", base_url="http://192.168.1.20:8000/")
    assert handout.link == "http://192.168.1.20:8000/play?routine=sam-morning"
    with pytest.raises(BadRequest, match="web app's address"):
        handouts.make_handout(saved, base_url="192.168.1.20")


def test_the_safety_gate_applies_as_for_a_session(context) -> None:
    with pytest.raises(UnsafeToStart):
        handouts.make_handout(context)
    record_screening(context, yes=["worsening-leg-weakness"])
    with pytest.raises(UnsafeToStart, match="leg weakness"):
        handouts.make_handout(context)


def test_an_unknown_routine_names_the_saved_ones(saved) -> None:
    with pytest.raises(NotFound, match="sam-morning"):
        handouts.make_handout(saved, routine="evening")


def test_a_clinicians_routine_file_gives_its_name_as_title(saved, tmp_path) -> None:
    path = tmp_path / "sam.yaml"
    path.write_text("name: Sam's hips\nexercises:\n  - exercise: pigeon-pose\n", encoding="utf-8")
    handout = handouts.make_handout(saved, plan_file=path)
    assert handout.title == "Sam's hips"
    assert [e.name for e in handout.exercises][-1] == "Pigeon pose"


def test_a_plans_json_takes_its_title_from_the_file_name(saved, tmp_path) -> None:
    plan = make_plan(saved, request=PlanRequest(conditions=("knee-pain",), minutes=10))
    path = tmp_path / "knee-plan.json"
    path.write_text(json.dumps(plan.to_json()), encoding="utf-8")
    assert handouts.make_handout(saved, plan_file=path).title == "Knee plan"


def test_a_file_has_no_place_in_the_web_app_to_link_to(saved, tmp_path) -> None:
    path = tmp_path / "sam.yaml"
    path.write_text("exercises:\n  - exercise: cat-cow\n", encoding="utf-8")
    with pytest.raises(BadRequest, match="save it first"):
        handouts.make_handout(saved, plan_file=path, base_url="http://192.168.1.20:8000")
    with pytest.raises(BadRequest, match="choose one"):
        handouts.make_handout(saved, plan_file=path, routine="sam-morning")


def test_every_exercise_on_the_handout_has_its_still_figure(saved) -> None:
    from supple.figures import still_svg

    handout = handouts.make_handout(saved)
    by_name = {exercise.name: exercise for exercise in catalog(saved)}
    assert handout.exercises
    for exercise in handout.exercises:
        figure = exercise.figure
        assert figure is not None and figure == still_svg(by_name[exercise.name]), exercise.name
        assert "<animate" not in figure and "@keyframes" not in figure


def test_the_web_page_and_the_pdf_of_a_saved_routine(saved) -> None:
    page = handouts.handout_page(saved, routine="sam-morning", person="Sam", paper="letter", base_url=None,
                                 back="/play?routine=sam-morning")  # fmt: skip
    assert "/routines/sam-morning/handout.pdf?paper=letter&amp;person=Sam" in page
    assert "@page { size: letter; }" in page
    pdf = handouts.handout_document(saved, routine="sam-morning", person=None, paper="a4", base_url=None)
    assert pdf.startswith(b"%PDF-")
    with pytest.raises(BadRequest, match="a4 or letter"):
        handouts.handout_document(saved, routine="sam-morning", person=None, paper="a3", base_url=None)
