from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from tests.export.conftest import TODAY, pdf_pages, pdf_text

from supple.catalog.models import Catalog, Exercise
from supple.errors import BadRequest
from supple.export.handout import Handout, build_handout
from supple.export.render import PageLinks, handout_html, handout_pdf, parse_paper, svg_data_uri
from supple.planner.plan import Plan
from supple.safety.models import Question

A4_POINTS = (595.28, 841.89)
LETTER_POINTS = (612.0, 792.0)
# A standalone SVG document as a figures module writes one: XML declaration, its own style and ids.
RED_FIGURE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100" width="100" height="100">'
    "<defs><style>.limb{fill:#ff0000}</style></defs>"
    '<rect id="body" class="limb" x="10" y="10" width="80" height="80"/></svg>'
)


def make(plan: Plan, catalog: Catalog, questions: tuple[Question, ...], **options: object) -> Handout:
    defaults: dict[str, object] = {"title": "Sam's morning routine", "person": "Sam Taylor", "today": TODAY}
    return build_handout(plan, catalog, questions, **(defaults | options))  # type: ignore[arg-type]


def test_each_exercise_carries_its_steps_dose_in_words_and_cautions(plan, catalog, questions) -> None:
    handout = make(plan, catalog, questions)
    names = [e.name for e in handout.exercises]
    assert names == ["Light cardio warm-up", "Kneeling hip flexor stretch", "Child's pose", "Cat-cow"]
    hip = handout.exercises[1]
    assert hip.dose == "3 x 30 s each side, rest 10 s"
    assert hip.steps == catalog.exercises["kneeling-hip-flexor-stretch"].steps
    assert hip.cautions and hip.position == "Kneeling"
    assert handout.exercises[3].dose.startswith("10 reps")  # the routine's own dose, not the catalogue's


def test_sources_are_numbered_in_reading_order_and_every_number_resolves(plan, catalog, questions) -> None:
    handout = make(plan, catalog, questions)
    cited = [n for advice in handout.safety + handout.tips for n in advice.cites]
    cited += [n for exercise in handout.exercises for n in exercise.cites] + list(handout.frequency.cites)
    cited += [n for sign in handout.urgent for n in sign.cites]
    assert set(cited) == set(range(1, len(handout.sources) + 1))
    first_seen = list(dict.fromkeys(cited))
    assert first_seen == sorted(first_seen)  # [1] is met first, then [2]...
    principles = {p.id: p for p in catalog.principles.principles}
    never_pain = principles["mild-tension-never-pain"]
    assert handout.safety[0].text == never_pain.text
    assert [handout.sources[n - 1] for n in handout.safety[0].cites] == [s.title for s in never_pain.sources]


def test_the_urgent_signs_are_the_screenings_stop_questions_with_their_actions(plan, catalog, questions) -> None:
    handout = make(plan, catalog, questions)
    stops = [q for q in questions if q.severity == "stop"]
    assert [sign.action for sign in handout.urgent] == [q.action for q in stops]
    assert handout.urgent[0].sign[0].isupper()


def test_the_weekly_chart_asks_for_the_articles_three_to_five_sessions(plan, catalog, questions) -> None:
    handout = make(plan, catalog, questions)
    assert handout.weekly_goal == (3, 5)
    how_often = next(p for p in catalog.principles.principles if p.id == "how-often")
    assert "3-5 times a week" in " ".join(fact for s in how_often.sources for fact in s.facts)
    assert {handout.sources[n - 1] for n in handout.frequency.cites} == {s.title for s in how_often.sources}


def test_todays_precaution_changes_are_printed_for_the_person(plan, catalog, questions) -> None:
    padded = replace(plan.items[1], modifications=("Put a thick cushion under the kneeling knee.",))
    changed = replace(plan, items=(plan.items[0], padded, *plan.items[2:]))
    handout = make(changed, catalog, questions)
    assert handout.exercises[1].for_you == ("Put a thick cushion under the kneeling knee.",)
    assert "Put a thick cushion under the kneeling knee." in handout_html(handout)


def test_a_blank_name_leaves_a_line_to_write_on(plan, catalog, questions) -> None:
    handout = make(plan, catalog, questions, person="  ")
    assert handout.person is None
    assert 'class="blank"' in handout_html(handout)


def test_the_name_is_escaped_in_the_page(plan, catalog, questions) -> None:
    html = handout_html(make(plan, catalog, questions, person="<script>alert(1)</script>"))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_without_figures_no_figure_slot_is_drawn(plan, catalog, questions) -> None:
    html = handout_html(make(plan, catalog, questions))
    assert 'class="figure"' not in html and 'class="exercise with-figure"' not in html


def test_the_figure_slot_is_filled_from_the_callable_for_each_exercise(plan, catalog, questions) -> None:
    asked: list[str] = []

    def figure_for(exercise: Exercise) -> str | None:
        asked.append(exercise.id)
        return RED_FIGURE if exercise.id == "cat-cow" else None

    html = handout_html(make(plan, catalog, questions, figure_for=figure_for))
    assert asked == [item.exercise.id for item in plan.items]
    assert html.count('class="figure"') == 1 and svg_data_uri(RED_FIGURE) in html


def test_an_svg_uri_refuses_what_is_not_svg() -> None:
    with pytest.raises(ValueError, match="not an SVG"):
        svg_data_uri("<html></html>")


def test_the_web_page_adds_a_toolbar_that_printing_hides(plan, catalog, questions) -> None:
    links = PageLinks(pdf="/routines/morning/handout.pdf", back="/play?routine=morning", person="Sam", paper="letter")
    html = handout_html(make(plan, catalog, questions), paper="letter", links=links)
    assert 'class="toolbar"' in html and '<button type="button" data-print>Print</button>' in html
    assert '<script src="/static/print.js" defer></script>' in html and "onclick" not in html
    assert "/routines/morning/handout.pdf?paper=letter&amp;person=Sam" in html
    assert re.search(r"@media print\s*{\s*\.toolbar\s*{\s*display:\s*none", html)
    assert "@page { size: letter; }" in html
    printed = handout_html(make(plan, catalog, questions))
    assert 'class="toolbar"' not in printed and "<script" not in printed


def test_paper_names_are_checked() -> None:
    assert (parse_paper("A4"), parse_paper("letter"), parse_paper("US-Letter")) == ("a4", "letter", "letter")
    with pytest.raises(BadRequest, match="a4 or letter"):
        parse_paper("a5")


# --- the PDF itself: rendered by WeasyPrint, read back with poppler-utils -------------------------


@pytest.fixture(scope="module")
def a4_pdf(tmp_path_factory, plan, catalog, questions) -> tuple[Path, int]:
    handout = make(plan, catalog, questions, link="http://192.168.1.20:8000/play?routine=morning")
    data, pages = handout_pdf(handout_html(handout, paper="a4"))
    path = tmp_path_factory.mktemp("handout") / "a4.pdf"
    path.write_bytes(data)
    return path, pages


def test_the_pdf_reads_as_a_home_programme(a4_pdf) -> None:
    path, _ = a4_pdf
    text = " ".join(pdf_text(path).split())
    for expected in (
        "Home exercise programme".upper(), "Sam's morning routine", "For Sam Taylor", "Date 12 May 2026",
        "Kneeling hip flexor stretch", "3 x 30 s each side, rest 10 s", "Child's pose", "Cat-cow",
        "Safety first", "A gentle pull, never pain", "When to see a professional",
        "Tick a box each time you do the routine", "Aim for 3 to 5 sessions a week",
        "Stop and get medical help if you notice", "Go to an emergency department",
        "Sources", "Legs, Hip & Low Back Stretches", "supple does not diagnose or treat anything",
        "Scan to follow along in supple", "192.168.1.20:8000", "routine=morning",
    ):  # fmt: skip
        assert expected in text, expected
    assert re.search(r"page 1 of \d", text)


def test_the_pdf_is_a4_with_the_pages_weasyprint_laid_out(a4_pdf) -> None:
    path, pages = a4_pdf
    count, size = pdf_pages(path)
    assert count == pages and 2 <= count <= 4  # four exercises, the safety advice, the chart and the sources
    assert size == pytest.approx(A4_POINTS, abs=0.5)


def test_letter_paper_gives_us_letter_pages(tmp_path, plan, catalog, questions) -> None:
    data, pages = handout_pdf(handout_html(make(plan, catalog, questions), paper="letter"))
    path = tmp_path / "letter.pdf"
    path.write_bytes(data)
    count, size = pdf_pages(path)
    assert count == pages and size == pytest.approx(LETTER_POINTS, abs=0.5)
    assert "Kneeling hip flexor stretch" in pdf_text(path)


def _red_pixels(pdf: Path, out: Path) -> int:
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(out / "page")], check=True)
    red = 0
    for page in sorted(out.glob("page-*.png")):
        rgb = np.asarray(Image.open(page).convert("RGB")).astype(int)
        red += int(((rgb[..., 0] > 200) & (rgb[..., 1] < 60) & (rgb[..., 2] < 60)).sum())
    return red


def test_weasyprint_draws_an_svg_figure_in_the_pdf(tmp_path, plan, catalog, questions) -> None:
    with_figure = make(plan, catalog, questions, figure_for=lambda e: RED_FIGURE if e.id == "childs-pose" else None)
    for name, handout in (("with", with_figure), ("without", make(plan, catalog, questions))):
        (tmp_path / name).mkdir()
        (tmp_path / name / "h.pdf").write_bytes(handout_pdf(handout_html(handout))[0])
    # the figure is 40 mm tall, so its red square (80% of it) is about 50 x 50 pixels at 40 dpi
    assert _red_pixels(tmp_path / "with" / "h.pdf", tmp_path / "with") > 2000
    assert _red_pixels(tmp_path / "without" / "h.pdf", tmp_path / "without") == 0
