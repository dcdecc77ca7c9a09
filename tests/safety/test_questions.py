"""The real screening questions: coverage, severity, plain language and sources."""

from __future__ import annotations

import re

import pytest
from tests.content import builtin_safety

from supple.safety.models import Question

RED_FLAGS = {"bladder-bowel", "saddle-numbness", "worsening-leg-weakness", "fever-unwell", "serious-fall"}
STOP = RED_FLAGS | {"severe-pain"}
CAUTION = {
    "leg-numbness-tingling", "persistent-pain", "recent-injury", "cancer-history", "weight-loss",
    "recent-surgery", "hip-replacement", "knee-replacement", "osteoporosis-steroids", "pregnancy", "recent-birth",
    "night-pain",
}  # fmt: skip
JARGON = re.compile(r"cauda equina|anaesthesia|neurolog|radicul|malignan|corticosteroid|patholog", re.IGNORECASE)


def severities() -> dict[str, str]:
    return {q.id: q.severity for q in builtin_safety().questions}


def test_every_red_flag_stops_and_every_warning_asks_for_a_professional() -> None:
    found = severities()
    assert {q for q, s in found.items() if s == "stop"} == STOP
    assert {q for q, s in found.items() if s == "caution"} == CAUTION


def test_stop_questions_come_first_so_the_urgent_ones_are_asked_before_anything_else() -> None:
    order = [q.severity for q in builtin_safety().questions]
    assert order == sorted(order, key=["stop", "caution", "adjust"].index)


@pytest.mark.parametrize("question", builtin_safety().questions, ids=lambda q: q.id)
def test_each_question_is_plain_language_with_a_source(question: Question) -> None:
    assert question.text.endswith("?")
    assert not JARGON.search(question.text + question.reason + question.action)
    assert question.sources and all(source.facts for source in question.sources)


@pytest.mark.parametrize("question_id", sorted(STOP))
def test_stop_actions_say_how_urgently(question_id: str) -> None:
    action = builtin_safety().question(question_id).action.lower()
    assert "now" in action or "today" in action


def test_the_red_flags_cite_the_clinical_guidance() -> None:
    for question_id in RED_FLAGS:
        titles = {s.title for s in builtin_safety().question(question_id).sources}
        assert any("Red flags" in title for title in titles), question_id
