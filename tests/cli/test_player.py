"""The terminal player's logic, with a fake clock and a scripted keyboard: nothing sleeps."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from supple.catalog.loader import load_catalog
from supple.cli.player import Player
from supple.cli.player_view import big_clock
from supple.planner.expand import MOVE_S, READY_S, expand
from supple.planner.plan import Plan, PlanItem
from supple.session.engine import Cue, Session

CATALOG = load_catalog(data=Path(__file__).parents[1] / "data" / "catalog")


def plan_of(*ids: str) -> Plan:
    items, position = [], "standing"
    for exercise_id in ids:
        exercise = CATALOG.exercises[exercise_id]
        steps = expand(exercise, exercise.dosage, moving=exercise.position != position)
        position = exercise.position
        items.append(PlanItem(exercise, exercise.dosage, (), tuple(steps)))
    return Plan(minutes=10, items=tuple(items), conditions_covered=(), conditions_uncovered=(), notes=())


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class ScriptedKeys:
    """Keys pressed at given times; waiting moves the fake clock instead of sleeping."""

    def __init__(self, clock: FakeTime, presses: list[tuple[float, str]]) -> None:
        self.clock, self.presses = clock, sorted(presses)
        self.start = clock.now

    def read(self, timeout: float) -> str | None:
        if self.presses and self.presses[0][0] + self.start <= self.clock.now + timeout:
            at, key = self.presses.pop(0)
            self.clock.now = max(self.clock.now, self.start + at)
            return key
        self.clock.now += timeout
        if not self.presses and self.clock.now - self.start > 10_000:
            raise AssertionError("the player never finished")
        return None


class Recorder:
    def __init__(self) -> None:
        self.said: list[list[str]] = []

    def say(self, cues: list[Cue]) -> None:
        if cues:
            self.said.append([cue.text for cue in cues])

    def close(self) -> None:
        pass


def play(plan: Plan, presses: list[tuple[float, str]], **options) -> tuple[Player, Recorder, list[float]]:
    clock = FakeTime()
    speaker = Recorder()
    lateness: list[float] = []
    player = Player(
        Session(plan),
        clock=clock,
        speaker=speaker,
        console=Console(file=open("/dev/null", "w"), width=80),  # noqa: SIM115
        keys=ScriptedKeys(clock, presses),  # type: ignore[arg-type]
        on_cues=lambda cues, now: lateness.extend(now - cue.due for cue in cues),
        **options,
    )
    player.run()
    return player, speaker, lateness


def test_the_player_says_every_cue_on_time_and_finishes() -> None:
    plan = plan_of("beta-stretch")
    player, speaker, lateness = play(plan, [])
    assert player.session.state == "finished"
    assert speaker.said[0] == ["Get ready: Beta stretch."]
    assert speaker.said[-1][-1] == "That is the whole routine. Well done."
    assert max(lateness) < 1e-9  # with a perfect clock, the player wakes exactly on each deadline


def test_space_pauses_and_resumes() -> None:
    player, _, _ = play(plan_of("beta-stretch"), [(2, " "), (50, " ")])
    assert player.session.state == "finished"
    assert player.clock() - 100.0 == player.session.total_seconds + 48  # the 48 s pause added on


def test_this_hurts_asks_the_pain_offers_the_easier_one_and_waits_for_space() -> None:
    reported = []
    easier = CATALOG.exercises["alpha-stretch"]
    easier_item = PlanItem(easier, easier.dosage, (), tuple(expand(easier, easier.dosage, moving=True)))

    def on_hurt(exercise, pain):
        reported.append((exercise.id, pain))
        return easier_item

    presses = [(READY_S + 3, "h"), (READY_S + 4, "7"), (READY_S + 5, "\r"), (READY_S + 6, "y"), (READY_S + 20, " ")]
    player, speaker, _ = play(plan_of("beta-stretch", "gamma-lift"), presses, on_hurt=on_hurt)
    assert reported == [("beta-stretch", 7)]
    assert ["Stop, and ease out of the position gently. How bad is the pain, 0 to 10?"] in speaker.said
    hurt = player.session.results[0]
    assert (hurt.exercise, hurt.pain, hurt.seconds) == ("beta-stretch", 7, 3.0)
    done = {r.exercise for r in player.session.results if not r.skipped}
    assert done == {"alpha-stretch", "gamma-lift"}  # the easier one was put in, then the plan went on


def test_pain_above_10_is_not_taken() -> None:
    presses = [(1, "h"), (2, "1"), (2, "1"), (3, "\r"), (4, "\x7f"), (5, "\r"), (6, " ")]
    player, _, _ = play(plan_of("beta-stretch"), presses)
    assert [r.pain for r in player.session.results if r.hurt] == [1]


def test_quitting_asks_first_and_no_goes_on() -> None:
    player, _, _ = play(plan_of("beta-stretch"), [(8, "q"), (9, "n"), (20, "q"), (21, "y")])
    assert player.session.state == "quit"
    assert player.clock() - 100.0 == 21


def test_skip_back_and_the_side_question_reach_the_session() -> None:
    plan = plan_of("alpha-stretch", "beta-stretch")
    answers = []
    # skip the first hold 5 s in, then straight back to it: it starts again, 6 s later than planned
    alpha_ends = 240 + 6
    presses = [(MOVE_S + 5, "n"), (MOVE_S + 6, "b"), (alpha_ends + 2, "l")]
    clock = FakeTime()
    session = Session(plan, on_side=answers.append)
    player = Player(
        session, clock=clock, speaker=Recorder(), console=Console(file=open("/dev/null", "w")),  # noqa: SIM115
        keys=ScriptedKeys(clock, presses),  # type: ignore[arg-type]
    )  # fmt: skip
    player.run()
    assert session.results[0].skipped and session.results[0].seconds == 5
    assert [a.tighter for a in answers] == ["left"]


def test_the_countdown_is_drawn_in_big_digits() -> None:
    rows = big_clock(65).plain.splitlines()
    assert len(rows) == 5
    assert rows[0] == "  █       ███  ███"  # 1:05
