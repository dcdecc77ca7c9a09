"""`supple go`: today's routine, guided hands-free in the terminal."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from supple.cli.console import console, write_json
from supple.cli.context import command_context
from supple.cli.options import RequestOptions, add_ack_caution, add_request_options, add_routine_choice
from supple.cli.parsing import Parser, decimal, flag, whole
from supple.errors import BadRequest, NotFound

if TYPE_CHECKING:
    from rich.console import Console

    from supple.catalog.models import Exercise
    from supple.planner.plan import Plan, PlanItem
    from supple.planner.request import PlanRequest
    from supple.services.context import AppContext
    from supple.services.terminal_session import SetAside, Unfinished
    from supple.session.engine import Cue, Session
    from supple.session.results import FinishedSet


def define(name: str, parser: Parser) -> None:
    parser.runs(go_command)
    add_routine_choice(parser)
    add_request_options(parser)
    add_ack_caution(parser)
    flag(parser, "--voice", "voice", "Speak the cues (needs espeak-ng).")
    flag(parser, "--dry-run", "dry_run", "Print the timeline with times instead of waiting.")
    parser.add_argument(
        "--speed", type=decimal(0.1, 1000), default=1.0, metavar="TIMES", help="Run faster, for demos and tests."
    )
    parser.add_argument(
        "--pain-before",
        type=whole(0, 10),
        metavar="0-10",
        help="Your pain before the routine (a terminal asks for it otherwise).",
    )
    parser.add_argument(
        "--pain-after",
        type=whole(0, 10),
        metavar="0-10",
        help="Your pain after the routine (a terminal asks for it otherwise).",
    )
    flag(parser, "--json", "as_json", "Print the timeline (--dry-run) or the summary as JSON.")
    flag(parser, "--resume", "resume", "Go on with a session that was cut short, without asking.")


def go_command(
    *,
    plan_file: Path | None,
    routine: str | None,
    asked: RequestOptions,
    ack_caution: bool,
    voice: bool,
    dry_run: bool,
    speed: float,
    pain_before: int | None,
    pain_after: int | None,
    as_json: bool,
    resume: bool,
) -> None:
    """Run a routine hands-free: the saved one by default, or --plan FILE, --routine NAME, or --for ... --minutes N.

    Keys: space pause, n next step, x skip exercise, b back, h this hurts, q quit.
    """
    from supple.services import terminal_session
    from supple.services.progress import end_session
    from supple.services.screening import require_safe_start

    context = command_context()
    if sum(x is not None for x in (plan_file, routine, asked.conditions)) > 1:
        raise BadRequest("choose one of --plan FILE, --routine NAME and --for ... --minutes N")
    out = console()
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    unfinished = None if dry_run else terminal_session.unfinished_session(context)
    if isinstance(unfinished, terminal_session.SetAside):
        say_set_aside(unfinished)
        unfinished = None
    if unfinished is not None and (resume or (interactive and ask_resume(out, unfinished))):
        require_safe_start(context, ack_caution=ack_caution)
        plan, from_step = unfinished.plan, unfinished.resume_at
    else:
        if unfinished is not None:
            terminal_session.set_aside_unfinished(context)
        if asked.conditions and asked.minutes is None:
            raise BadRequest("--for needs --minutes N too")
        request = asked.request() if asked.conditions else None
        plan, from_step = choose_plan(context, plan_file, routine, request, ack_caution), 0
    if dry_run:
        print_timeline(out, terminal_session.rehearse_session(plan=plan), as_json=as_json)
        return
    # the pain today the routine was planned with is the pain before it, unless said apart
    before = pain_before if pain_before is not None else asked.pain_today
    before = before if before is not None else ask_pain(out, "How is your pain right now", interactive)
    on_kept = None if interactive else _kept
    if unfinished is not None and from_step:
        kept = terminal_session.resume_session(context, unfinished=unfinished, on_kept=on_kept)
    else:
        kept = terminal_session.begin_session(context, plan=plan, pain_before=before, on_kept=on_kept)
    session = kept.session
    play(context, session, out, voice=voice, speed=speed, interactive=interactive, from_step=from_step)
    if interactive and session.pending_side is not None:
        ask_side(out, session)  # the last exercise was sided: the question came as the session ended
    after = pain_after if pain_after is not None else ask_pain(out, "And how is your pain now", interactive)
    end_session(context, session_id=kept.id, state=session.state, pain_after=after)
    summary = summarise(session, before, after)
    if as_json:
        write_json(summary)
    else:
        print_summary(out, summary)


def choose_plan(
    context: AppContext, plan_file: Path | None, routine: str | None, request: PlanRequest | None, ack_caution: bool
) -> Plan:
    """The plan for the request, or else the routine file, the saved routine by name, or the one saved last."""
    from supple.services.planning import make_plan
    from supple.services.routines import routine_to_play

    if request is not None:
        return make_plan(context, request=request, ack_caution=ack_caution)
    try:
        return routine_to_play(context, plan_file=plan_file, routine=routine, ack_caution=ack_caution)
    except NotFound:
        if routine is not None or plan_file is not None:
            raise
        raise NotFound(
            "no routine to play yet: pass --for CONDITION ... --minutes N, or --plan FILE, "
            "or save one with `supple plan ... --save NAME`"
        ) from None


def _kept(result: FinishedSet) -> None:
    """Without a terminal, say each set once it is stored (scripts and the crash test read this)."""
    what = " ".join(str(part) for part in (result.exercise, result.side, result.rep) if part is not None)
    sys.stdout.write(f"kept: {what}, {result.seconds:g} s{' (skipped)' if result.skipped else ''}\n")
    sys.stdout.flush()


def say_set_aside(set_aside: SetAside) -> None:
    """One line, on standard error so that --json's output stays JSON; then the new routine goes on."""
    started = set_aside.record.started_at.astimezone().strftime("%a %d %b %H:%M")
    sys.stderr.write(
        f"Your session of {started}, cut short, cannot be resumed: its routine no longer loads "
        f"({set_aside.problem}). It is kept in your history as interrupted.\n"
    )


def ask_resume(out: Console, unfinished: Unfinished) -> bool:
    from rich.prompt import Confirm

    started = unfinished.record.started_at.astimezone().strftime("%a %d %b %H:%M")
    return Confirm.ask(
        f"Your session of {started} was cut short after {unfinished.sets_done} sets. Go on with it?",
        console=out, default=True,
    )  # fmt: skip


def play(
    context: AppContext,
    session: Session,
    out: Console,
    *,
    voice: bool,
    speed: float,
    interactive: bool,
    from_step: int,
) -> None:
    import time

    from supple.cli.keys import KeyReader
    from supple.cli.player import Player
    from supple.cli.voice import make_speaker
    from supple.services.pain import easier_now, report_pain

    speaker, problem = make_speaker(voice=voice, bell=interactive)
    if problem:
        out.print(f"supple: {problem}", style="yellow")

    def hurt(exercise: Exercise, pain: int) -> PlanItem | None:
        report_pain(context, exercise_name=exercise.name)
        return easier_now(context, exercise_id=exercise.id, plan=session.plan)

    options = {"clock": time.monotonic, "speed": speed, "speaker": speaker, "console": out, "from_step": from_step}
    if not interactive:
        Player(session, **options).run()  # type: ignore[arg-type]
        return
    with KeyReader() as keys:
        Player(session, keys=keys, on_hurt=hurt, **options).run()  # type: ignore[arg-type]


def ask_pain(out: Console, question: str, interactive: bool) -> int | None:
    if not interactive:
        return None
    from rich.prompt import IntPrompt

    while True:
        answer = IntPrompt.ask(f"{question}, 0 (none) to 10 (worst)? Enter to skip", console=out, default=None)
        if answer is None or 0 <= answer <= 10:
            return answer
        out.print("Please give a number from 0 to 10.")


def ask_side(out: Console, session: Session) -> None:
    from rich.prompt import Prompt

    name = session.steps[session.index].exercise.name
    sides = {"l": "left", "r": "right", "s": "same"}
    answer = Prompt.ask(
        f"Which side felt tighter in {name}? l left, r right, s the same (Enter to skip)",
        console=out, choices=[*sides, ""], show_choices=False, default="",
    )  # fmt: skip
    if answer:
        session.answer_side(sides[answer])  # type: ignore[arg-type]


def print_timeline(out: Console, cues: list[Cue], *, as_json: bool) -> None:
    if as_json:
        write_json([{"at": cue.due, "kind": cue.kind, "text": cue.text, "exercise": cue.exercise} for cue in cues])
        return
    for cue in cues:
        if cue.kind not in ("countdown",):
            out.print(f"{int(cue.due) // 60:3d}:{int(cue.due) % 60:02d}  {cue.text}", highlight=False)


def summarise(session: Session, before: int | None, after: int | None) -> dict[str, object]:
    results = session.results
    done = [r for r in results if not r.skipped]
    finished = {r.exercise for r in done}
    return {
        "state": session.state,
        "exercises_done": len(finished),
        "exercises_planned": len(session.plan.items),
        "sets_done": len(done),
        "sets_skipped": sum(1 for r in results if r.skipped and not r.hurt),
        "pain_reports": [{"exercise": r.exercise, "pain": r.pain} for r in results if r.hurt],
        "seconds_worked": round(sum(r.seconds for r in results), 1),
        "pain_before": before,
        "pain_after": after,
        "tighter_side": [{"exercise": a.exercise, "tighter": a.tighter} for a in session.side_answers],
    }


def print_summary(out: Console, summary: dict[str, object]) -> None:
    ended = {
        "finished": "Routine complete.",
        "quit": "Stopped early: what you did is kept.",
        "ended": "Stopped for pain.",
    }
    out.print(ended.get(str(summary["state"]), ""), style="bold")
    out.print(
        f"{summary['exercises_done']} of {summary['exercises_planned']} exercises, {summary['sets_done']} sets done, "
        f"{summary['sets_skipped']} skipped; {int(float(str(summary['seconds_worked']))) // 60} min of work."
    )
    if summary["pain_before"] is not None and summary["pain_after"] is not None:
        out.print(f"Pain before {summary['pain_before']}, after {summary['pain_after']} (0-10).")
    if summary["pain_reports"]:
        out.print(
            "You reported pain: supple will ask the safety questions again before your next routine. "
            "If pain persists or gets worse, see a doctor or physiotherapist.",
            style="yellow",
        )
