"""The safety gate in front of planning and guiding: refuses unless the screening allows it.

The refusals are in plain words; each names its `topic` (unscreened, stale, stop-emergency,
stop-today or caution) so that the command line can add its command or option and the web its page."""

from __future__ import annotations

import datetime as dt

from supple.errors import UnsafeToStart
from supple.safety.screen import Screening, fresh_screening_needed


def check_gate(screening: Screening | None, *, now: dt.datetime, ack_caution: bool) -> Screening:
    """The screening that lets the person start; UnsafeToStart (exit 3) when it does not."""
    if screening is None:
        raise UnsafeToStart("please answer the safety questions first", topic="unscreened")
    stale = fresh_screening_needed(screening, now=now)
    if stale:
        raise UnsafeToStart(f"please answer the safety questions again: {stale}", topic="stale")
    if screening.verdict == "stop":
        raise UnsafeToStart(
            f"supple will not start a routine: you reported {'; '.join(screening.reasons)}. {screening.advice}",
            topic=f"stop-{screening.urgency or 'emergency'}",
        )
    if screening.verdict == "caution" and not ack_caution:
        raise UnsafeToStart(
            f"please see a professional first: you reported {'; '.join(screening.reasons)}. "
            "Go ahead once a doctor or physiotherapist has told you that stretching is fine for you.",
            topic="caution",
        )
    return screening
