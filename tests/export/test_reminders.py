from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from supple.errors import BadRequest
from supple.export.reminders import parse_days, parse_time, reminder_calendar

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)


def test_the_calendar_repeats_weekly_on_the_days_with_an_alarm() -> None:
    data = reminder_calendar(days=["mon", "wed", "fri"], at=dt.time(7, 30), start=dt.date(2026, 11, 21), now=NOW)
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == dt.datetime(2026, 11, 23, 7, 30)  # the first Monday after a Saturday
    assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(minutes=20)
    rule = event["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    (alarm,) = event.walk("VALARM")
    assert alarm["action"] == "DISPLAY"
    assert event["uid"].endswith("@supple")


def test_the_file_keeps_to_rfc_5545_line_rules() -> None:
    data = reminder_calendar(days=["tue"], at=dt.time(18, 0), start=dt.date(2026, 11, 24), now=NOW)
    lines = data.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR"
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_days_and_times_are_checked() -> None:
    assert parse_days("Fri,mon, wed") == ["mon", "wed", "fri"]
    with pytest.raises(BadRequest, match="days of the week: mon, tue") as days:
        parse_days("mon,funday")
    assert days.value.topic == "days"  # the command line names its option, --days
    assert parse_time("07:30") == dt.time(7, 30)
    with pytest.raises(BadRequest, match="a time of day like 07:30") as time:
        parse_time("half seven")
    assert time.value.topic == "time"


def test_supple_remind_writes_the_file(run_cli, tmp_path) -> None:
    target = tmp_path / "supple.ics"
    result = run_cli("remind", "--days", "mon,thu", "--at", "08:15", "--ics", str(target))
    assert result.code == 0
    assert b"RRULE:FREQ=WEEKLY;BYDAY=MO,TH" in target.read_bytes()
    assert run_cli("remind", "--days", "someday", "--at", "08:15", "--ics", str(target)).code == 2
