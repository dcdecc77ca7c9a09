from __future__ import annotations

import json
import re


def test_activities_are_named_rated_and_shown_in_stats(run_cli) -> None:
    assert run_cli("goal", "add", "Putting on socks", "--score", "3").code == 0
    assert run_cli("goal", "add", "Climbing   stairs").code == 0
    assert run_cli("goal", "rate", "2", "4").code == 0
    assert run_cli("goal", "rate", "1", "6").code == 0
    assert run_cli("goal", "rate", "2", "6").code == 0
    listed = json.loads(run_cli("goal", "list", "--json").out)
    assert [(g["activity"], [r["score"] for r in g["ratings"]]) for g in listed] == [
        ("Putting on socks", [3, 6]), ("Climbing stairs", [4, 6]),
    ]  # fmt: skip
    function = json.loads(run_cli("stats", "--json").out)["function"]
    assert function == {"activities": 2, "first": 3.5, "latest": 6.0, "change": 2.5, "meaningful": True}
    day = r"\(\d\d [A-Z][a-z]{2} \d{4}\)"  # each rating with its date
    assert re.search(rf"1\. Putting on socks: 3 {day} -> 6 {day}", run_cli("goal", "list").out)


def test_at_most_three_activities_and_scores_from_0_to_10(run_cli) -> None:
    for activity in ("one", "two", "three"):
        assert run_cli("goal", "add", activity).code == 0
    fourth = run_cli("goal", "add", "four")
    assert fourth.code == 2 and "drop one first" in fourth.err
    assert run_cli("goal", "rate", "1", "11").code == 2
    unknown = run_cli("goal", "rate", "9", "5")
    assert unknown.code == 2 and "no activity 9 (yours: 1, 2, 3)" in unknown.err
    assert run_cli("goal", "drop", "2").code == 0
    assert run_cli("goal", "add", "four").code == 0
