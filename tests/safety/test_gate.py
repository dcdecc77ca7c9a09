from __future__ import annotations

import datetime as dt

import pytest
from tests.content import builtin_safety

from supple.errors import UnsafeToStart
from supple.safety.gate import check_gate
from supple.safety.screen import Screening, screen

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)


def screened(*yes: str, days_ago: int = 0) -> Screening:
    return screen(builtin_safety(), yes, now=NOW - dt.timedelta(days=days_ago))


def refusal(screening: Screening | None, *, ack_caution: bool = False) -> str:
    with pytest.raises(UnsafeToStart) as caught:
        check_gate(screening, now=NOW, ack_caution=ack_caution)
    assert caught.value.exit_code == 3
    return str(caught.value)


def test_no_screening_yet_asks_for_one_in_plain_words() -> None:
    """The command line adds its command (cli/hints.py); the gate's own words suit any page."""
    message = refusal(None)
    assert message == "please answer the safety questions first" and "supple screen" not in message


def test_a_stop_verdict_refuses_naming_the_reason_and_sending_for_care() -> None:
    message = refusal(screened("saddle-numbness"), ack_caution=True)
    assert "new numbness around the buttocks, genitals or inner thighs" in message
    assert "emergency" in message


def test_a_caution_refuses_until_a_professional_has_cleared_the_person() -> None:
    message = refusal(screened("pregnancy"))
    assert "pregnancy" in message and "doctor or physiotherapist has told you" in message
    assert "--ack-caution" not in message, "the command line adds its option itself"
    assert check_gate(screened("pregnancy"), now=NOW, ack_caution=True).verdict == "caution"


def test_go_passes_without_acknowledgement() -> None:
    assert check_gate(screened(), now=NOW, ack_caution=False).verdict == "go"


def test_an_old_screening_asks_for_a_fresh_one() -> None:
    assert "31 days ago" in refusal(screened(days_ago=31))
    assert check_gate(screened(days_ago=30), now=NOW, ack_caution=False).verdict == "go"


def test_a_screening_invalidated_by_pain_asks_for_a_fresh_one() -> None:
    assert "pain during a session" in refusal(screened().invalidate("you reported pain during a session"))
