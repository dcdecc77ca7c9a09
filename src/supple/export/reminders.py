"""A repeating reminder as an RFC 5545 calendar (icalendar), with an alarm, for any calendar app."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from supple.errors import BadRequest

DAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
SESSION_MINUTES = 20


def _day(word: str) -> str | None:
    """A day of the week as people write it: its name or the start of it, three letters at least
    ("mon", "tues", "Thursday"); "monkey" is not Monday."""
    word = word.strip().lower()
    found = [name[:3] for name in DAY_NAMES if len(word) >= 3 and name.startswith(word)]
    return found[0] if found else None


def parse_days(text: str) -> list[str]:
    words = [word.strip() for word in text.split(",") if word.strip()]
    days = {word: _day(word) for word in words}
    unknown = [word for word, day in days.items() if day is None]
    if unknown or not days:
        said = ", ".join(repr(word) for word in unknown) if unknown else repr(text)
        raise BadRequest(
            f"a reminder needs days of the week: mon, tue, wed, thu, fri, sat or sun (not {said})", topic="days"
        )
    return sorted({day for day in days.values() if day is not None}, key=list(DAYS).index)


def parse_time(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"a reminder needs a time of day like 07:30 (not {text!r})", topic="time") from None


def reminder_calendar(
    *,
    days: Sequence[str],
    at: dt.time,
    start: dt.date,
    minutes: int = SESSION_MINUTES,
    now: dt.datetime,
    app_url: str | None = None,
) -> bytes:
    """A weekly event on `days` at local time `at` (floating, so it follows the person's time zone),
    with an alarm when it begins. With `app_url` (the web app's address, when the web makes the
    file) the event links to the player; without it, it says so in words a calendar can show."""
    from icalendar import Alarm, Calendar, Event, vRecur

    first = start + dt.timedelta(days=_days_until_first(start, days))
    begins = dt.datetime.combine(first, at)
    calendar = Calendar()
    calendar.add("prodid", "-//supple//stretching reminders//EN")
    calendar.add("version", "2.0")
    event = Event()
    uid_source = f"{','.join(days)}@{at.isoformat()}".encode()
    event.add("uid", f"{hashlib.sha256(uid_source).hexdigest()[:16]}@supple")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("summary", "Stretching with supple")
    if app_url is None:
        event.add("description", "Time for your stretching routine. Stop any stretch that hurts.")
    else:
        play = app_url.rstrip("/") + "/play"
        event.add("description", f"Time for your stretching routine: {play}\nStop any stretch that hurts.")
        event.add("url", play)
    event.add("dtstart", begins)
    event.add("dtend", begins + dt.timedelta(minutes=minutes))
    event.add("rrule", vRecur(freq="WEEKLY", byday=[DAYS[d] for d in days]))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", "Stretching time")
    alarm.add("trigger", dt.timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def _days_until_first(start: dt.date, days: Sequence[str]) -> int:
    wanted = {list(DAYS).index(d) for d in days}
    return next(n for n in range(7) if (start.weekday() + n) % 7 in wanted)
