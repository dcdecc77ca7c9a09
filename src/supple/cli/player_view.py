"""What the terminal player shows: the exercise, what to do now, a big countdown, side and rep,
progress over the whole session, what comes next, and the keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from supple.cli.player import Player

HELP = "space pause · n next step · x skip exercise · b back · h this hurts · q quit"
# Digits three cells wide and five high, readable from across the room.
BIG = {
    "0": ("███", "█ █", "█ █", "█ █", "███"),
    "1": ("  █", "  █", "  █", "  █", "  █"),
    "2": ("███", "  █", "███", "█  ", "███"),
    "3": ("███", "  █", "███", "  █", "███"),
    "4": ("█ █", "█ █", "███", "  █", "  █"),
    "5": ("███", "█  ", "███", "  █", "███"),
    "6": ("███", "█  ", "███", "█ █", "███"),
    "7": ("███", "  █", "  █", "  █", "  █"),
    "8": ("███", "█ █", "███", "█ █", "███"),
    "9": ("███", "█ █", "███", "  █", "███"),
    ":": ("   ", " █ ", "   ", " █ ", "   "),
}
STEP_WORDS = {
    "move": "Get into position",
    "ready": "Get ready",
    "hold": "Hold",
    "breaths": "Breathe",
    "reps": "Move",
    "push": "Push",
    "rest": "Rest",
    "switch": "Switch sides",
    "warmup": "Warm up",
}


def big_clock(seconds: float) -> Text:
    whole = max(0, int(seconds + 0.999))  # 0:01 until the last second is over
    text = f"{whole // 60}:{whole % 60:02d}"
    return Text("\n".join("  ".join(BIG[ch][row] for ch in text) for row in range(5)), style="bold")


def _side_and_rep(player: Player) -> str:
    timed = player.session.progress(player.now()).step
    step = timed.step
    parts = [f"{step.side} side"] if step.side else []
    if step.rep and step.kind not in ("rest", "switch") and timed.rounds > 1:
        parts.append(f"{step.rep} of {timed.rounds}")
    return ", ".join(parts)


def _prompt(player: Player) -> Text | None:
    prompt = player.prompt
    if prompt is None:
        return Text(player.message, style="green") if player.message else None
    if prompt.kind == "pain":
        return Text(f"How bad is the pain, 0 to 10? {prompt.typed}_  (Enter)", style="bold red")
    if prompt.kind == "easier" and prompt.item is not None:
        return Text(f"Try an easier one now: {prompt.item.exercise.name}? (y / n)", style="bold yellow")
    return Text("Quit now? What you have done is kept. (y / n)", style="bold yellow")


def render(player: Player) -> RenderableType:
    session = player.session
    now = player.now()
    progress = session.progress(now)
    timed = progress.step
    state = {"paused": "  (paused: space to go on)", "finished": "  (done)", "ended": "  (stopped)"}
    header = Text(timed.exercise.name, style="bold cyan")
    header.append(state.get(progress.state, ""), style="yellow")
    doing = Text(STEP_WORDS.get(timed.step.kind, ""), style="bold")
    detail = _side_and_rep(player)
    if detail:
        doing.append(f" · {detail}")
    left = progress.total - progress.elapsed
    bar = Table.grid(expand=True)
    bar.add_column(ratio=1)
    bar.add_column(justify="right", no_wrap=True)
    bar.add_row(
        ProgressBar(total=progress.total, completed=progress.elapsed),
        f" {int(left) // 60}:{int(left) % 60:02d} left",
    )
    parts: list[RenderableType] = [header, doing, Text(player.said, style="italic"), big_clock(progress.step_left), bar]
    if progress.coming is not None:
        parts.append(Text(f"Next: {progress.coming.name}", style="dim"))
    if session.pending_side is not None:
        parts.append(Text("Which side felt tighter? l left · r right · s the same", style="magenta"))
    prompt = _prompt(player)
    if prompt is not None:
        parts.append(prompt)
    parts.append(Text(HELP, style="dim"))
    return Group(*parts)
