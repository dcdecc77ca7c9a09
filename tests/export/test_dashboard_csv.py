"""The dashboard as CSV: what a spreadsheet would run as a formula is written as text."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import given
from hypothesis import strategies as st
from tests.progress.helpers import MONDAY

from supple.export.dashboard_csv import FORMULA_STARTS, HEADER, dashboard_csv, safe_cell
from supple.progress.dashboard import client_row
from supple.progress.history import PainReport


def read(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark spreadsheets read UTF-8 by
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_a_cell_starting_like_a_formula_gets_a_quote_and_numbers_stay_numbers() -> None:
    now = MONDAY + dt.timedelta(days=1)
    hurt = PainReport(1, MONDAY, 8, "hurt", "=cmd|' /C calc'!A0")
    row = client_row(person_id=1, name='=HYPERLINK("http://x")', sessions=[], alerts=[hurt], now=now,
                     today=now.date())  # fmt: skip
    rows = read(dashboard_csv([row], now=now, name_of=lambda exercise: exercise))
    assert rows[0] == list(HEADER)
    assert rows[1][0] == '\'=HYPERLINK("http://x")'
    assert rows[1][9] == "“This hurts” during =cmd|' /C calc'!A0, pain 8 of 10, 2026-11-02"  # inside: not a formula
    assert rows[1][3] == "0" and rows[1][8] == "1"


@given(st.text(max_size=20))
def test_no_text_cell_starts_like_a_formula(text: str) -> None:
    cell = safe_cell(text)
    assert isinstance(cell, str) and not cell.startswith(FORMULA_STARTS)
    assert cell.removeprefix("'") == text or cell == text
