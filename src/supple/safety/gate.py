"""The safety gate in front of planning and guiding: refuses unless the screening allows it."""

from __future__ import annotations

import datetime as dt

from supple.errors import UnsafeToStart
from supple.safety.screen import Screening, fresh_screening_needed

SCREEN_COMMAND = "supple screen"


def check_gate(screening: Screening | None, *, now: dt.datetime, ack_caution: bool) -> Screening:
    """The screening that lets the person start; UnsafeToStart (exit 3) when it does not."""
    if screening is None:
        raise UnsafeToStart(f"please answer the safety questions first: run `{SCREEN_COMMAND}`")
    stale = fresh_screening_needed(screening, now=now)
    if stale:
        raise UnsafeToStart(f"please answer the safety questions again ({stale}): run `{SCREEN_COMMAND}`")
    if screening.verdict == "stop":
        raise UnsafeToStart(
            f"supple will not start a routine: you reported {'; '.join(screening.reasons)}. {screening.advice}"
        )
    if screening.verdict == "caution" and not ack_caution:
        raise UnsafeToStart(
            f"please see a professional first: you reported {'; '.join(screening.reasons)}. "
            "When a doctor or physiotherapist has cleared you to stretch, add --ack-caution."
        )
    return screening
