"""The terminal player of `supple go`: wakes at each cue, shows it, says it, and takes keys.

It waits exactly until the engine's next deadline (or a display refresh), so cues are on time
without polling; all timing decisions stay in the engine (session/engine.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from supple.catalog.models import Exercise
from supple.planner.plan import PlanItem
from supple.session.engine import Cue, Session

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from supple.cli.keys import KeyReader
    from supple.cli.voice import Speaker

REFRESH_S = 0.2  # the countdown on screen is redrawn this often (real time)
SIDE_KEYS = {"l": "left", "r": "right", "s": "same"}

Clock = Callable[[], float]
HurtHandler = Callable[[Exercise, int], PlanItem | None]  # returns an easier exercise to offer


@dataclass
class Prompt:
    kind: Literal["pain", "easier", "quit"]
    typed: str = ""
    item: PlanItem | None = None
    was_running: bool = False


class Player:
    def __init__(
        self,
        session: Session,
        *,
        clock: Clock,
        speed: float = 1.0,
        speaker: Speaker,
        console: Console | None = None,
        keys: KeyReader | None = None,
        on_hurt: HurtHandler | None = None,
        on_cues: Callable[[list[Cue], float], None] | None = None,
        from_step: int = 0,
    ) -> None:
        self.session = session
        self.clock, self.speed = clock, speed
        self.speaker, self.console, self.keys = speaker, console, keys
        self.on_hurt = on_hurt or (lambda exercise, pain: None)
        self.on_cues = on_cues
        self.from_step = from_step  # where a resumed session picks up
        self.prompt: Prompt | None = None
        self.said = ""  # the last thing said, shown under the exercise name
        self.message = ""
        self._t0 = 0.0

    def now(self) -> float:
        """Session time: real time, sped up by --speed for demos and tests."""
        return self._t0 + (self.clock() - self._t0) * self.speed

    # --- the loop -------------------------------------------------------------------------------

    def run(self) -> None:
        self._t0 = self.clock()
        if self.keys is None or self.console is None:
            self._loop(lambda: None)
            return
        from rich.live import Live

        with Live(self.view(), console=self.console, auto_refresh=False, transient=False) as live:
            self._loop(lambda: live.update(self.view(), refresh=True))

    def _loop(self, redraw: Callable[[], None]) -> None:
        self._said(self.session.start(self.now(), from_step=self.from_step))
        redraw()
        while self.session.state in ("running", "paused"):
            key = self._wait()
            now = self.now()
            if key:
                self._key(key, now)
            self._said(self.session.advance(now))
            redraw()
        self.speaker.close()

    def _wait(self) -> str | None:
        due = self.session.next_due()
        wait = REFRESH_S if due is None else min(REFRESH_S, max(0.0, (due - self.now()) / self.speed))
        if self.keys is not None:
            return self.keys.read(wait)
        if due is None:  # paused with no keyboard: nothing can resume it
            self.session.quit(self.now())
            return None
        time.sleep(wait)
        return None

    def _said(self, cues: list[Cue]) -> None:
        if not cues:
            return
        if self.on_cues is not None:
            self.on_cues(cues, self.now())
        spoken = [cue for cue in cues if cue.kind != "stopped"]  # the stop was said when h was pressed
        self.speaker.say(spoken)
        if spoken:
            self.said = spoken[-1].text
        if self.keys is None and self.console is not None:
            for cue in spoken:
                self.console.print(f"[{_clock(cue.due - self._t0)}] {cue.text}", highlight=False)

    # --- keys -----------------------------------------------------------------------------------

    def _key(self, key: str, now: float) -> None:
        if self.prompt is not None:
            self._answer(self.prompt, key, now)
            return
        session = self.session
        self.message = ""
        if key == " ":
            self._said(session.toggle_pause(now))
        elif key == "n":
            self._said(session.skip_step(now))
        elif key == "x":
            self._said(session.skip_exercise(now))
        elif key == "b":
            self._said(session.back(now))
        elif key == "h":
            session.pause(now)  # stop the clock on the stretch at once
            self.said = "Stop, and ease out of the position gently. How bad is the pain, 0 to 10?"
            self.speaker.say([Cue("stopped", self.said, now, session.index, "")])
            self.prompt = Prompt("pain")
        elif key == "q":
            self.prompt = Prompt("quit", was_running=session.state == "running")
            session.pause(now)
        elif key.lower() in SIDE_KEYS and session.pending_side is not None:
            session.answer_side(SIDE_KEYS[key.lower()])  # type: ignore[arg-type]
            self.message = "Noted, thank you."

    def _answer(self, prompt: Prompt, key: str, now: float) -> None:
        if prompt.kind == "pain":
            self._type_pain(prompt, key, now)
        elif prompt.kind == "easier":
            self.prompt = None
            if key.lower() == "y" and prompt.item is not None:
                self.session.put_in(now, prompt.item)
            self.message = "Press space when you are ready to go on."
        elif key.lower() == "y":
            self.prompt = None
            self.session.quit(now)
        elif key.lower() == "n" or key == "\x1b":
            self.prompt = None
            if prompt.was_running:
                self._said(self.session.resume(now))

    def _type_pain(self, prompt: Prompt, key: str, now: float) -> None:
        if key.isdigit() and len(prompt.typed) < 2:
            prompt.typed += key
        elif key in ("\x7f", "\b"):
            prompt.typed = prompt.typed[:-1]
        elif key in ("\r", "\n") and prompt.typed and int(prompt.typed) <= 10:
            self._hurt(int(prompt.typed), now)

    def _hurt(self, pain: int, now: float) -> None:
        outcome = self.session.hurt(now, pain)
        self._said(outcome.cues)
        self.prompt = None
        if outcome.ended:
            return
        easier = self.on_hurt(outcome.exercise, pain)
        if easier is not None:
            self.prompt = Prompt("easier", item=easier)
        else:
            self.message = "Press space when you are ready to go on."

    # --- the screen -----------------------------------------------------------------------------

    def view(self) -> RenderableType:
        from supple.cli.player_view import render

        return render(self)


def _clock(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
