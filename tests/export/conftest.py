from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest
from tests.content import builtin_catalog, builtin_safety

from supple.catalog.models import Catalog
from supple.planner.plan import Plan
from supple.safety.models import Question
from supple.session.routine import plan_from_data

TODAY = dt.date(2026, 5, 12)
# A clinician's routine: a warm-up, a sided stretch, a breath-paced hold and a dynamic move.
ROUTINE = {
    "name": "Sam's morning routine",
    "exercises": [
        {"exercise": "kneeling-hip-flexor-stretch"},
        {"exercise": "childs-pose"},
        {"exercise": "cat-cow", "reps": 10},
    ],
}


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return builtin_catalog()


@pytest.fixture(scope="session")
def questions() -> tuple[Question, ...]:
    return builtin_safety().questions


@pytest.fixture(scope="session")
def plan(catalog: Catalog) -> Plan:
    return plan_from_data(ROUTINE, source="test routine", catalog=catalog)


def pdf_text(path: Path) -> str:
    """The PDF's text as pdftotext reads it (poppler-utils), one line of the page per line."""
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return result.stdout


def pdf_pages(path: Path) -> tuple[int, tuple[float, float]]:
    """The number of pages and the first page's size in points, as pdfinfo reads them."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))  # type: ignore[union-attr]
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    assert size is not None
    return pages, (float(size.group(1)), float(size.group(2)))
