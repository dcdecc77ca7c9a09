"""`supple routine`: the builder's edits on the command line, with --json and the exit codes."""

from __future__ import annotations

import json


def test_a_routine_is_started_shaped_and_listed(run_cli) -> None:
    assert run_cli("screen", "--none").code == 0
    started = json.loads(run_cli("routine", "new", "Morning back", "--json").out)
    assert (started["name"], started["title"], started["items"]) == ("morning-back", "Morning back", [])
    assert run_cli("routine", "add", "morning-back", "cat-cow").code == 0
    added = json.loads(run_cli("routine", "add", "morning-back", "supine-figure-four", "--at", "1", "--json").out)
    assert [i["exercise"] for i in added["items"]] == ["supine-figure-four", "cat-cow"]
    assert added["total_seconds"] == sum(i["seconds"] for i in added["items"])
    assert added["items"][0]["ranges"]["hold_s"] == [10, 60]
    moved = json.loads(run_cli("routine", "move", "morning-back", "2", "1", "--json").out)
    assert [i["exercise"] for i in moved["items"]] == ["cat-cow", "supine-figure-four"]
    dosed = json.loads(run_cli("routine", "dose", "morning-back", "2", "--hold", "45", "--json").out)
    assert dosed["items"][1]["dose"]["hold_s"] == 45
    noted = json.loads(run_cli("routine", "note", "morning-back", "after your walk", "--json").out)
    assert noted["note"] == "after your walk"
    assert run_cli("routine", "favourite", "morning-back").code == 0
    assert run_cli("routine", "rename", "morning-back", "Morning, gently").code == 0
    assert run_cli("routine", "copy", "morning-back").code == 0
    listed = json.loads(run_cli("routine", "list", "--json").out)
    assert [(r["title"], r["favourite"]) for r in listed] == [
        ("Morning, gently", True),
        ("Copy of Morning, gently", False),
    ]
    removed = json.loads(run_cli("routine", "remove", "morning-back", "1", "--json").out)
    assert [i["exercise"] for i in removed["items"]] == ["supine-figure-four"]
    assert run_cli("routine", "delete", "copy-of-morning-gently").code == 0
    assert "Morning, gently" in run_cli("routine", "show", "morning-back").out


def test_refusals_say_the_range_or_the_safety_reason_with_their_exit_codes(run_cli) -> None:
    assert run_cli("screen", "--yes", "knee-trouble").code == 0
    assert run_cli("routine", "new", "Knees").code == 0
    assert run_cli("routine", "add", "knees", "supine-figure-four").code == 0
    out_of_range = run_cli("routine", "dose", "knees", "1", "--hold", "90")
    assert out_of_range.code == 2 and "can be 10 to 60 seconds, not 90" in out_of_range.err
    excluded = run_cli("routine", "add", "knees", "childs-pose")
    assert excluded.code == 3 and "Child's pose cannot be added" in excluded.err
    assert run_cli("routine", "dose", "knees", "1").code == 2  # nothing to change
    missing = run_cli("routine", "show", "nothing")
    assert missing.code == 2 and "not among the saved ones" in missing.err
