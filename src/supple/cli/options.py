"""Options that several commands share (`plan`, `go`, `handout`), declared once so they read and
document the same."""

from __future__ import annotations

from argparse import ArgumentParser
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from supple.cli.parsing import Parser, flag, several, whole

if TYPE_CHECKING:
    from supple.planner.request import PlanRequest


@dataclass(frozen=True)
class RequestOptions:
    """What `--for ... --minutes N` and the limits said, as given: `request()` makes the plan request."""

    conditions: list[str] | None
    minutes: int | None
    equipment: list[str] | None
    avoid_positions: list[str] | None
    no_floor: bool
    warmed_up: bool
    new_to_stretching: bool
    pain_today: int | None

    def request(self) -> PlanRequest:
        """The plan request; BadRequest when what bothers you or the time is missing."""
        from supple.errors import BadRequest
        from supple.planner.request import PlanRequest

        if not self.conditions or self.minutes is None:
            raise BadRequest("say what bothers you and how long you have: --for CONDITION ... --minutes N")
        return PlanRequest(
            conditions=tuple(self.conditions), minutes=self.minutes,
            equipment=tuple(self.equipment) if self.equipment is not None else None,
            avoid_positions=tuple(self.avoid_positions or ()), no_floor=self.no_floor, warmed_up=self.warmed_up,
            new_to_stretching=self.new_to_stretching, pain_today=self.pain_today,
        )  # fmt: skip


def add_request_options(parser: Parser) -> None:
    """What bothers you, the time you have and the limits: `--for ... --minutes N` and the rest,
    given to the command as one RequestOptions, `asked`."""
    several(parser, "--for", "conditions", "CONDITION", "What bothers you (one or more condition ids).")
    # The limits are the planner's own (planner/request.py); the help says them in words.
    parser.add_argument("--minutes", type=whole(1), metavar="N", help="How long you have, 3 to 90 minutes.")
    several(
        parser, "--equipment", "equipment", "E", "What you have at hand, or `none` (default: pillow chair wall strap)."
    )
    several(parser, "--avoid-position", "avoid_positions", "P", "A position you can't or won't take.")
    flag(parser, "--no-floor", "no_floor", "Nothing that gets down to the floor.")
    flag(parser, "--warmed-up", "warmed_up", "Skip the warm-up: you have just been active.")
    flag(parser, "--new", "new_to_stretching", "New to stretching: gentle exercises and shorter holds, nothing deep.")
    parser.add_argument(
        "--pain", dest="pain_today", type=whole(0, 10), metavar="0-10",
        help="Your pain today, 0 none to 10 the worst; 4 or more: gentle.",
    )  # fmt: skip
    parser.gather("asked", RequestOptions, [field.name for field in fields(RequestOptions)])


def add_ack_caution(parser: ArgumentParser) -> None:
    flag(parser, "--ack-caution", "ack_caution", "A professional has cleared you despite a caution in your screening.")


def add_routine_choice(parser: ArgumentParser) -> None:
    """A routine other than the one saved last: a file, or a saved one by name."""
    parser.add_argument(
        "--plan", dest="plan_file", type=Path, metavar="FILE", help="A routine file: a plan's JSON or a routine YAML."
    )
    parser.add_argument("--routine", metavar="NAME", help="A routine saved with `supple plan --save NAME`.")
