"""`supple routine`: shaping saved routines by hand, as the web's routine builder does (list, start,
show, add, remove, move, dose, note, rename, copy, delete, favourite). Positions count from 1;
each change prints the routine as it now stands (`--json` for its JSON)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from supple.cli.console import console, write_json
from supple.cli.context import command_context
from supple.cli.parsing import Parser, flag, whole

if TYPE_CHECKING:
    from supple.services.builder import Editing

PLACE = whole(1, 1000)
AMOUNT = whole(0, 1000)


def define(group: str, parser: Parser) -> None:
    def command(name: str, function: Callable[..., None], *, named: bool = True, json: bool = True) -> Parser:
        sub = parser.add_function(name, function)
        if named:
            sub.add_argument("name", metavar="NAME", help="The routine's name, as `supple routine list` shows it.")
        if json:
            flag(sub, "--json", "as_json", "Print JSON.")
        return sub

    command("list", list_command, named=False)
    command("new", new_command, named=False).add_argument("title", help='e.g. "Morning back"')
    command("show", show_command)
    add = command("add", add_command)
    add.add_argument("exercise", metavar="EXERCISE", help="An exercise id (`supple catalog`).")
    add.add_argument("--at", type=PLACE, help="Its place (default: the end).")
    _position(command("remove", remove_command))
    _position(command("move", move_command)).add_argument(
        "to", type=PLACE, metavar="TO", help="Its new place, counting from 1."
    )
    dose = _position(command("dose", dose_command))
    for option, dest, words in DOSE_OPTIONS:
        dose.add_argument(option, dest=dest, type=AMOUNT, metavar="N", help=words)
    note = command("note", note_command)
    note.add_argument("text", help="The note; empty to take it away.")
    note.add_argument("--exercise", dest="position", type=PLACE, help="On this exercise.")
    command("rename", rename_command, json=False).add_argument("title", help="The new title.")
    command("copy", copy_command)
    command("delete", delete_command, json=False)
    flag(command("favourite", favourite_command, json=False), "--off", "off", "No longer a favourite.")


def _position(parser: Parser) -> Parser:
    parser.add_argument("position", type=PLACE, metavar="POSITION", help="Its place, counting from 1.")
    return parser


DOSE_OPTIONS = (
    ("--hold", "hold", "Hold, in seconds."),
    ("--reps", "reps", "Repetitions."),
    ("--sets", "sets", "Sets."),
    ("--breaths", "breaths", "Breaths."),
    ("--rest", "rest", "Rest, in seconds."),
)


def editing_json(editing: Editing) -> dict[str, Any]:
    return {
        "name": editing.name, "title": editing.title, "favourite": editing.favourite, "note": editing.note,
        "total_seconds": editing.total_seconds,
        "items": [
            {**edited.item.to_json(), "position": edited.index + 1, "ranges": edited.ranges,
             "left_out_today": edited.left_out or None}
            for edited in editing.items
        ],
    }  # fmt: skip


def show(editing: Editing, as_json: bool) -> None:
    if as_json:
        write_json(editing_json(editing))
        return
    from supple.catalog.dose import describe_dose

    out = console()
    minutes, seconds = divmod(editing.total_seconds, 60)
    out.print(f"{editing.title} ({editing.name}): {minutes}:{seconds:02d} in all", markup=False)
    if editing.note:
        out.print(f"  Note: {editing.note}", markup=False)
    for edited in editing.items:
        item = edited.item
        words = describe_dose(item.exercise.kind, item.dosage, with_rest=True)
        out.print(f"{edited.index + 1}. {item.exercise.name} ({item.exercise.id}): {words}", markup=False)
        for line in (*item.modifications, *([f"Note: {item.note}"] if item.note else [])):
            out.print(f"   {line}", markup=False)
    if not editing.items:
        out.print("No exercises yet: `supple routine add NAME EXERCISE`.")


def list_command(*, as_json: bool) -> None:
    """Your routines, favourites first."""
    from supple.services.routines import routines_listed

    listed = routines_listed(command_context())
    if as_json:
        write_json([{"name": r.name, "title": r.title, "favourite": r.favourite, "saved_at": r.saved_at.isoformat(),
                     "given_by": r.given_by} for r in listed])  # fmt: skip
        return
    out = console()
    for r in listed:
        out.print(f"{'* ' if r.favourite else ''}{r.title} ({r.name})", markup=False)
    if not listed:
        out.print('No routines yet: `supple routine new "Morning back"`, or `supple plan ... --save NAME`.')


def new_command(*, title: str, as_json: bool) -> None:
    """Start an empty routine under a title."""
    from supple.services.builder import new_routine, routine_to_edit

    context = command_context()
    show(routine_to_edit(context, name=new_routine(context, title=title)), as_json)


def show_command(*, name: str, as_json: bool) -> None:
    """The routine's exercises, doses, notes and total time, and each dose's safe range with --json."""
    from supple.services.builder import routine_to_edit

    show(routine_to_edit(command_context(), name=name), as_json)


def add_command(*, name: str, exercise: str, at: int | None, as_json: bool) -> None:
    """Add an exercise, if your safety answers and the routine's limits allow it (else exit code 3)."""
    from supple.services.builder import add_exercise

    place = None if at is None else at - 1
    show(add_exercise(command_context(), name=name, exercise_id=exercise, at=place), as_json)


def remove_command(*, name: str, position: int, as_json: bool) -> None:
    """Take an exercise out."""
    from supple.services.builder import remove_exercise

    show(remove_exercise(command_context(), name=name, index=position - 1)[0], as_json)


def move_command(*, name: str, position: int, to: int, as_json: bool) -> None:
    """Move an exercise to another place."""
    from supple.services.builder import move_exercise

    show(move_exercise(command_context(), name=name, index=position - 1, to=to - 1), as_json)


def dose_command(
    *,
    name: str,
    position: int,
    hold: int | None,
    reps: int | None,
    sets: int | None,
    breaths: int | None,
    rest: int | None,
    as_json: bool,
) -> None:
    """Change an exercise's dose, within its safe range (outside it, exit code 2 says the range)."""
    from supple.errors import BadRequest
    from supple.services.builder import set_exercise_dose

    given = {"hold_s": hold, "reps": reps, "sets": sets, "breaths": breaths, "rest_s": rest}
    changes = {field: value for field, value in given.items() if value is not None}
    if not changes:
        raise BadRequest("say what to change: --hold, --reps, --sets, --breaths or --rest")
    show(set_exercise_dose(command_context(), name=name, index=position - 1, changes=changes), as_json)


def note_command(*, name: str, text: str, position: int | None, as_json: bool) -> None:
    """A note on the routine ("after your walk"), or with --exercise on one exercise."""
    from supple.services.builder import set_exercise_note, set_routine_note

    context = command_context()
    if position is None:
        show(set_routine_note(context, name=name, text=text), as_json)
    else:
        show(set_exercise_note(context, name=name, index=position - 1, text=text), as_json)


def rename_command(*, name: str, title: str) -> None:
    """Give the routine a new title (its name stays, so links to it keep working)."""
    from supple.services.builder import rename_routine

    rename_routine(command_context(), name=name, title=title)


def copy_command(*, name: str, as_json: bool) -> None:
    """Copy the routine, as "Copy of <title>"."""
    from supple.services.builder import duplicate_routine, routine_to_edit

    context = command_context()
    show(routine_to_edit(context, name=duplicate_routine(context, name=name)), as_json)


def delete_command(*, name: str) -> None:
    """Delete the routine (the sessions played from it are kept)."""
    from supple.services.builder import delete_routine

    delete_routine(command_context(), name=name)


def favourite_command(*, name: str, off: bool) -> None:
    """Mark the routine as a favourite (listed first), or with --off no longer."""
    from supple.services.builder import mark_favourite

    mark_favourite(command_context(), name=name, favourite=not off)
