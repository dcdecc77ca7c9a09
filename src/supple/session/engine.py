"""The guided session: a pure state machine over the timeline, driven by an injected clock.

Every method takes `now` (seconds on a monotonic clock) and nothing here reads a clock or sleeps,
so tests run a whole session in microseconds with a fake clock. Deadlines are offsets from one
origin (when the session started, moved only by pauses and jumps), never "previous cue + gap":
a late wake-up makes one cue late, and the next one is due on time again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, cast

from supple.catalog.models import Exercise
from supple.planner.plan import Plan, PlanItem
from supple.session.results import FinishedSet, SetKind, SideAnswer, Tightness
from supple.session.timeline import CueKind, TimedStep, item_steps, lay_out, moving_lead_in, starts

State = Literal["waiting", "running", "paused", "finished", "ended", "quit"]
HURTS_TO_END = 2
BACK_RESTARTS_AFTER_S = 3.0  # "back" early in a step goes to the previous one, later restarts this one
PAIN_ADVICE = (
    "You have reported pain twice, so the session stops here. Rest today. "
    "If the pain lasts or comes back, see a physiotherapist or doctor."
)
FINISHED_TEXT = "That is the whole routine. Well done."
STOPPED_TEXT = "Stop, and ease out of the position gently."
# {exercise} is the stretch, as a sentence names it (`called`): "the pigeon pose"
ASK_SIDE_TEXT = "Which side felt tighter in {exercise}: left, right, or the same?"


def called(name: str) -> str:
    """An exercise's name inside a sentence: "the pigeon pose". A name that begins with an
    initialism ("SI joint knee push") keeps its capitals."""
    return "the " + (name[0].lower() + name[1:] if name[1:2].islower() else name)


def ask_side_text(exercise: Exercise) -> str:
    return ASK_SIDE_TEXT.format(exercise=called(exercise.name))


def player_rules() -> dict[str, object]:
    """What a player elsewhere (the browser's) needs to behave and speak as this engine does."""
    return {
        "hurts_to_end": HURTS_TO_END, "back_restarts_after_s": BACK_RESTARTS_AFTER_S,
        "finished": FINISHED_TEXT, "stopped": STOPPED_TEXT, "pain_advice": PAIN_ADVICE, "ask_side": ASK_SIDE_TEXT,
    }  # fmt: skip


@dataclass(frozen=True)
class Cue:
    kind: CueKind
    text: str
    due: float  # the clock time it was due at
    step: int  # index of the timed step
    exercise: str


@dataclass(frozen=True)
class Progress:
    state: State
    step: TimedStep
    step_left: float
    elapsed: float
    total: float
    coming: Exercise | None  # the next exercise, if any


@dataclass(frozen=True)
class HurtOutcome:
    exercise: Exercise  # the exercise that hurt
    ended: bool  # pain reported HURTS_TO_END times: the session is over
    cues: list[Cue]


class Session:
    def __init__(
        self,
        plan: Plan,
        *,
        on_result: Callable[[FinishedSet], None] | None = None,
        on_side: Callable[[SideAnswer], None] | None = None,
    ) -> None:
        if not plan.items:
            raise ValueError("a session needs at least one exercise")
        self.plan = plan
        self.steps = lay_out(plan)
        self._starts = starts(self.steps)
        self._on_result = on_result or (lambda result: None)
        self._on_side = on_side or (lambda answer: None)
        self.state: State = "waiting"
        self.index = 0
        self._cue = 0  # the next cue of the current step
        self._origin = 0.0
        self._paused_at = 0.0
        self._next_item = len(plan.items)  # item numbers for exercises put in during the session
        self.hurts = 0
        self.pending_side: str | None = None
        self.results: list[FinishedSet] = []
        self.side_answers: list[SideAnswer] = []

    # --- time -----------------------------------------------------------------------------------

    @property
    def total_seconds(self) -> int:
        return sum(timed.step.seconds for timed in self.steps)

    def _offset(self, now: float) -> float:
        return (self._paused_at if self.state == "paused" else now) - self._origin

    def _step_done(self, now: float) -> float:
        return max(0.0, self._offset(now) - self._starts[self.index])

    def next_due(self) -> float | None:
        """When something next happens (a cue or the end of a step), on the caller's clock."""
        if self.state != "running":
            return None
        timed, start = self.steps[self.index], self._starts[self.index]
        due: float = start + timed.step.seconds
        if self._cue < len(timed.cues):
            due = min(due, start + timed.cues[self._cue].at)
        return self._origin + due

    def progress(self, now: float) -> Progress:
        index = min(self.index, len(self.steps) - 1)
        timed = self.steps[index]
        elapsed = min(self._offset(now), float(self.total_seconds)) if self.state != "waiting" else 0.0
        step_left = max(0.0, self._starts[index] + timed.step.seconds - max(elapsed, self._starts[index]))
        coming = next((s.exercise for s in self.steps[index + 1 :] if s.item != timed.item), None)
        return Progress(self.state, timed, step_left, elapsed, float(self.total_seconds), coming)

    # --- running --------------------------------------------------------------------------------

    def start(self, now: float, *, from_step: int = 0) -> list[Cue]:
        """Begin, or pick up an interrupted session at `from_step` (rests before it are skipped,
        and a lead-in is put in so the person gets back into position first)."""
        if self.state != "waiting":
            return []
        while 0 < from_step < len(self.steps) and self.steps[from_step].step.kind in ("rest", "switch"):
            from_step += 1
        if from_step >= len(self.steps):
            self.state = "running"
            return self._move_to(len(self.steps), now)
        if from_step and not self.steps[from_step].is_lead_in:
            self.steps.insert(from_step, moving_lead_in(self.steps[from_step]))
            self._starts = starts(self.steps)
        self.state, self.index = "running", from_step
        self._origin = now - self._starts[from_step]
        return self.advance(now)

    def advance(self, now: float) -> list[Cue]:
        """The cues due by `now`, in order; finishes every step whose time is up."""
        cues: list[Cue] = []
        offset = now - self._origin
        while self.state == "running":
            timed, start = self.steps[self.index], self._starts[self.index]
            while self._cue < len(timed.cues) and start + timed.cues[self._cue].at <= offset:
                cue = timed.cues[self._cue]
                cues.append(Cue(cue.kind, cue.text, self._origin + start + cue.at, self.index, timed.exercise.id))
                self._cue += 1
            end = start + timed.step.seconds
            if offset < end:
                break
            cues += self._finish_step(self._origin + end)
        return cues

    def _finish_step(self, due: float) -> list[Cue]:
        timed = self.steps[self.index]
        cues: list[Cue] = []
        if timed.is_work:
            self._record(self.index, seconds=float(timed.step.seconds))
            if timed.exercise.sided and self._last_work_of_item(self.index):
                self.pending_side = timed.exercise.id
                cues.append(Cue("ask-side", ask_side_text(timed.exercise), due, self.index, timed.exercise.id))
        return cues + self._move_to(self.index + 1, due)

    def _move_to(self, target: int, due: float) -> list[Cue]:
        if target >= len(self.steps):
            self.state, self.index, self._cue = "finished", len(self.steps) - 1, len(self.steps[-1].cues)
            return [Cue("finished", FINISHED_TEXT, due, self.index, "")]
        self.index, self._cue = target, 0
        return []

    def _last_work_of_item(self, index: int) -> bool:
        item = self.steps[index].item
        for later in self.steps[index + 1 :]:
            if later.item != item:
                return True
            if later.is_work:
                return False
        return True

    def _record(self, index: int, *, seconds: float, skipped: bool = False, pain: int | None = None) -> None:
        timed = self.steps[index]
        step = timed.step
        result = FinishedSet(
            step=index, exercise=timed.exercise.id, kind=cast(SetKind, step.kind),  # only work steps are sets
            side=step.side, rep=step.rep, seconds=round(seconds, 1), planned_seconds=step.seconds,
            skipped=skipped, hurt=pain is not None, pain=pain,
        )  # fmt: skip
        self.results.append(result)
        self._on_result(result)

    # --- the person's controls ------------------------------------------------------------------

    def pause(self, now: float) -> None:
        if self.state == "running":
            self.state, self._paused_at = "paused", now

    def resume(self, now: float) -> list[Cue]:
        if self.state != "paused":
            return []
        self._origin += now - self._paused_at
        self.state = "running"
        return self.advance(now)

    def toggle_pause(self, now: float) -> list[Cue]:
        if self.state == "running":
            self.pause(now)
            return []
        return self.resume(now)

    def _active(self) -> bool:
        return self.state in ("running", "paused")

    def _jump(self, now: float, target: int) -> list[Cue]:
        """Continue from the start of step `target`, its deadlines counted from now."""
        self.index, self._cue = target, 0
        self._origin = (self._paused_at if self.state == "paused" else now) - self._starts[target]
        return self.advance(now)

    def skip_step(self, now: float) -> list[Cue]:
        if not self._active():
            return []
        timed = self.steps[self.index]
        if timed.is_work:
            self._record(self.index, seconds=self._step_done(now), skipped=True)
        if self.index + 1 >= len(self.steps):
            return self._move_to(len(self.steps), now)
        return self._jump(now, self.index + 1)

    def skip_exercise(self, now: float) -> list[Cue]:
        if not self._active():
            return []
        return self._leave_item(now)

    def _leave_item(self, now: float, *, pain: int | None = None) -> list[Cue]:
        """Skip the rest of the current exercise (recording its sets) and go to the next one."""
        target = self._skip_rest_of_item(now, pain=pain)
        if target >= len(self.steps):
            return self._move_to(target, now)
        return self._jump(now, target)

    def _skip_rest_of_item(self, now: float, *, pain: int | None = None) -> int:
        """Record the rest of the current exercise's sets as skipped (the first with the pain, if
        any); the index of the step after the exercise."""
        item, done = self.steps[self.index].item, self._step_done(now)
        target = self.index
        first = True
        while target < len(self.steps) and self.steps[target].item == item:
            timed = self.steps[target]
            if timed.is_work:
                seconds = done if target == self.index else 0.0
                self._record(target, seconds=seconds, skipped=True, pain=pain if first else None)
                first = False
            target += 1
        return target

    def back(self, now: float) -> list[Cue]:
        if not self._active():
            return []
        restart = self._step_done(now) > BACK_RESTARTS_AFTER_S or self.index == 0
        return self._jump(now, self.index if restart else self.index - 1)

    def hurt(self, now: float, pain: int) -> HurtOutcome:
        """Stop the current exercise at once, keep the pain score, and pause before the next one.

        The set in progress (or the next one, in a rest) is recorded as hurt with the pain; the
        rest of the exercise as skipped. A second report ends the session there, with the advice
        and never a "well done", even in the last exercise.
        """
        if not 0 <= pain <= 10:
            raise ValueError(f"pain is rated 0 to 10, not {pain}")
        exercise = self.steps[self.index].exercise
        if not self._active():
            return HurtOutcome(exercise, self.state == "ended", [])
        self.hurts += 1
        self.pause(now)
        cues = [Cue("stopped", STOPPED_TEXT, now, self.index, exercise.id)]
        if self.hurts < HURTS_TO_END:
            cues += self._leave_item(now, pain=pain)
            return HurtOutcome(exercise, False, cues)
        self._skip_rest_of_item(now, pain=pain)
        self.state = "ended"
        cues.append(Cue("ended", PAIN_ADVICE, now, self.index, exercise.id))
        return HurtOutcome(exercise, True, cues)

    def put_in(self, now: float, item: PlanItem) -> list[Cue]:
        """Do another exercise next (the easier one after a "this hurts"), starting now."""
        if not self._active():
            return []
        number, self._next_item = self._next_item, self._next_item + 1
        added = item_steps(number, item)
        following = self.steps[self.index :]
        if following and following[0].is_lead_in and following[0].exercise.position != item.exercise.position:
            following[0] = moving_lead_in(following[0])
        self.steps = self.steps[: self.index] + added + following
        self._starts = starts(self.steps)
        return self._jump(now, self.index)

    def quit(self, now: float) -> None:
        """Stop here, keeping what was done; a set in progress is kept as cut short."""
        if not self._active():
            return
        timed = self.steps[self.index]
        done = self._step_done(now)
        if timed.is_work and done > 0:
            self._record(self.index, seconds=done, skipped=True)
        self.state = "quit"

    def answer_side(self, tighter: Tightness) -> None:
        if self.pending_side is not None:
            answer = SideAnswer(exercise=self.pending_side, tighter=tighter)
            self.side_answers.append(answer)
            self._on_side(answer)
            self.pending_side = None


def rehearse(plan: Plan, *, start: float = 0.0) -> list[Cue]:
    """Every cue of the plan at its time, played on a simulated clock (for `--dry-run`)."""
    session = Session(plan)
    cues = session.start(start)
    while (due := session.next_due()) is not None:
        cues += session.advance(due)
    return cues
