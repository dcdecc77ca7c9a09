from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from supple.cli.progress_view import calendar, sparkline

ROUTINE = """\
warmup_minutes: 0
exercises:
  - {exercise: cat-cow, reps: 2}
  - {exercise: kneeling-hip-flexor-stretch, hold_s: 6, reps: 2}
"""


@pytest.fixture
def two_sessions(run_cli, tmp_path):
    routine = tmp_path / "routine.yaml"
    routine.write_text(ROUTINE, encoding="utf-8")
    assert run_cli("screen", "--none").code == 0
    for before, after in ((6, 3), (4, 4)):
        result = run_cli("go", "--plan", str(routine), "--speed", "1000", "--pain-before", str(before),
                         "--pain-after", str(after))  # fmt: skip
        assert result.code == 0, result.err


def test_history_lists_each_session_with_its_sets_and_pain(run_cli, two_sessions) -> None:
    sessions = json.loads(run_cli("history", "--json").out)
    assert [(s["state"], s["sets_done"], s["pain_before"], s["pain_after"]) for s in sessions] == [
        ("finished", 5, 6, 3), ("finished", 5, 4, 4),
    ]  # fmt: skip
    table = run_cli("history").out
    assert "6 -> 3 *" in table and "4 -> 4" in table and "meaningful change" in table


def test_history_shows_one_session_and_one_exercise_in_detail(run_cli, two_sessions) -> None:
    ids = [s["id"] for s in json.loads(run_cli("history", "--json").out)]
    assert all(f" {i} " in run_cli("history").out for i in ids)  # the ids to ask for one by
    one = json.loads(run_cli("history", "--session", str(ids[0]), "--json").out)
    assert (one["id"], one["pain_before"], one["pain_after"], one["counts"]) == (ids[0], 6, 3, True)
    assert [(e["exercise"], e["outcome"], e["sets_done"]) for e in one["exercises"]] == [
        ("cat-cow", "done", 1), ("kneeling-hip-flexor-stretch", "done", 4),
    ]  # fmt: skip
    assert one["exercises"][1]["longest_hold"] == 6
    words = run_cli("history", "--session", str(ids[0])).out
    assert "Kneeling hip flexor" in words and "longest hold 6 s" in words
    over_time = json.loads(run_cli("history", "--exercise", "kneeling-hip-flexor-stretch", "--json").out)
    assert [time["session"] for time in over_time["sessions"]] == ids
    assert "2 sessions" in run_cli("history", "--exercise", "kneeling-hip-flexor-stretch").out
    missing = run_cli("history", "--session", "999")
    assert missing.code == 2 and "no session 999" in missing.err
    both = run_cli("history", "--session", str(ids[0]), "--exercise", "cat-cow")
    assert both.code == 2 and "not both" in both.err


def test_stats_show_this_week_the_streak_pain_and_areas(run_cli, two_sessions) -> None:
    report = json.loads(run_cli("stats", "--json").out)
    assert report["weeks"][-1]["sessions"] == 2
    assert report["goal_per_week"] == [3, 5]
    assert report["streak"] == {"current_weeks": 0, "best_weeks": 0}
    assert report["pain_trend"]["direction"] == "better" and report["pain_trend"]["meaningful"]
    assert set(report["minutes_by_area_4_weeks"]) == {"hips", "lower-back"}
    text = run_cli("stats").out
    assert "Sessions per week (goal 3-5)" in text and "this week 2" in text
    assert "■" in text
    first_week = dt.date.fromisoformat(report["weeks"][0]["start"])
    assert f"weeks of {first_week:%d %b} to " in text  # the sparklines carry their dates
    assert re.search(r"Pain before sessions: \S+ \(\d\d [A-Z][a-z]{2} to \d\d [A-Z][a-z]{2} \d{4}\)", text)


def test_with_no_sessions_history_says_how_to_start(run_cli) -> None:
    assert "No sessions yet" in run_cli("history").out


def test_a_sparkline_scales_to_its_top() -> None:
    assert sparkline([0, 5, 10], top=10) == "▁▅█"
    assert sparkline([0, 0]) == "▁▁"


def test_the_calendar_marks_session_days_and_leaves_the_future_blank() -> None:
    today = dt.date(2026, 11, 18)  # a Wednesday
    lines = calendar({dt.date(2026, 11, 16), dt.date(2026, 11, 10)}, today, weeks=2).splitlines()
    assert lines[1] == "09 Nov · ■ · · · · ·"
    assert lines[2] == "16 Nov ■ · ·        "


def test_stats_draw_the_charts_into_a_png(run_cli, two_sessions, tmp_path) -> None:
    from PIL import Image

    target = tmp_path / "stats.png"
    assert run_cli("stats", "--png", str(target)).code == 0
    with Image.open(target) as image:
        assert image.format == "PNG"
        assert image.size == (800, 900)
        assert len(image.convert("RGB").getcolors(maxcolors=1_000_000) or []) > 50  # drawn, not blank
