"""What the person's history changes in the next plan, worked out when a session ends and kept as
JSON, so planning reads one small file instead of opening the database (its start-up budget)."""

from __future__ import annotations

import json
from pathlib import Path

from supple.planner.personal import Personal
from supple.store.files.atomic import write_json_file


def next_plan_path(home: Path) -> Path:
    return home / "cache" / "next-plan.json"


def save_next_plan(*, home: Path, advice: Personal) -> None:
    write_json_file(next_plan_path(home), advice.to_json())


def load_next_plan(*, home: Path) -> Personal:
    """The saved adjustments; none when there are none yet or the file is unreadable (it is
    worked out again after the next session)."""
    try:
        data = json.loads(next_plan_path(home).read_text(encoding="utf-8"))
        return Personal.from_json(data) if isinstance(data, dict) else Personal()
    except (OSError, ValueError, TypeError, AttributeError):
        return Personal()
