"""`supple routine`: shaping saved routines by hand, as the web's routine builder does (list, start,
show, add, remove, move, dose, note, rename, copy, delete, favourite). Positions count from 1;
each change prints the routine as it now stands (`--json` for its JSON)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from supple.cli.console import console, write_json
from supple.cli.context import command_context

if TYPE_CHECKING:
    from supple.services.builder import Editing

app = typer.Typer(
    help="Shape your saved routines by hand: add, remove and move exercises, change doses, rename.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
Name = Annotated[str, typer.Argument(metavar="NAME", help="The routine's name, as `supple routine list` shows it.")]
Position = Annotated[int, typer.Argument(min=1, max=1000, metavar="POSITION", help="Its place, counting from 1.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]


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


@app.command("list")
def list_command(as_json: Json = False) -> None:
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


@app.command("new")
def new_command(title: Annotated[str, typer.Argument(help='e.g. "Morning back"')], as_json: Json = False) -> None:
    """Start an empty routine under a title."""
    from supple.services.builder import new_routine, routine_to_edit

    context = command_context()
    show(routine_to_edit(context, name=new_routine(context, title=title)), as_json)


@app.command("show")
def show_command(name: Name, as_json: Json = False) -> None:
    """The routine's exercises, doses, notes and total time, and each dose's safe range with --json."""
    from supple.services.builder import routine_to_edit

    show(routine_to_edit(command_context(), name=name), as_json)


@app.command("add")
def add_command(
    name: Name,
    exercise: Annotated[str, typer.Argument(metavar="EXERCISE", help="An exercise id (`supple catalog`).")],
    at: Annotated[int | None, typer.Option("--at", min=1, max=1000, help="Its place (default: the end).")] = None,
    as_json: Json = False,
) -> None:
    """Add an exercise, if your safety answers and the routine's limits allow it (else exit code 3)."""
    from supple.services.builder import add_exercise

    place = None if at is None else at - 1
    show(add_exercise(command_context(), name=name, exercise_id=exercise, at=place), as_json)


@app.command("remove")
def remove_command(name: Name, position: Position, as_json: Json = False) -> None:
    """Take an exercise out."""
    from supple.services.builder import remove_exercise

    show(remove_exercise(command_context(), name=name, index=position - 1)[0], as_json)


@app.command("move")
def move_command(
    name: Name, position: Position,
    to: Annotated[int, typer.Argument(min=1, max=1000, metavar="TO", help="Its new place, counting from 1.")],
    as_json: Json = False,
) -> None:  # fmt: skip
    """Move an exercise to another place."""
    from supple.services.builder import move_exercise

    show(move_exercise(command_context(), name=name, index=position - 1, to=to - 1), as_json)


@app.command("dose")
def dose_command(
    name: Name,
    position: Position,
    hold: Annotated[int | None, typer.Option("--hold", min=0, max=1000, help="Hold, in seconds.")] = None,
    reps: Annotated[int | None, typer.Option("--reps", min=0, max=1000, help="Repetitions.")] = None,
    sets: Annotated[int | None, typer.Option("--sets", min=0, max=1000, help="Sets.")] = None,
    breaths: Annotated[int | None, typer.Option("--breaths", min=0, max=1000, help="Breaths.")] = None,
    rest: Annotated[int | None, typer.Option("--rest", min=0, max=1000, help="Rest, in seconds.")] = None,
    as_json: Json = False,
) -> None:
    """Change an exercise's dose, within its safe range (outside it, exit code 2 says the range)."""
    from supple.errors import BadRequest
    from supple.services.builder import set_exercise_dose

    given = {"hold_s": hold, "reps": reps, "sets": sets, "breaths": breaths, "rest_s": rest}
    changes = {field: value for field, value in given.items() if value is not None}
    if not changes:
        raise BadRequest("say what to change: --hold, --reps, --sets, --breaths or --rest")
    show(set_exercise_dose(command_context(), name=name, index=position - 1, changes=changes), as_json)


@app.command("note")
def note_command(
    name: Name,
    text: Annotated[str, typer.Argument(help="The note; empty to take it away.")],
    position: Annotated[int | None, typer.Option("--exercise", min=1, max=1000, help="On this exercise.")] = None,
    as_json: Json = False,
) -> None:
    """A note on the routine ("after your walk"), or with --exercise on one exercise."""
    from supple.services.builder import set_exercise_note, set_routine_note

    context = command_context()
    if position is None:
        show(set_routine_note(context, name=name, text=text), as_json)
    else:
        show(set_exercise_note(context, name=name, index=position - 1, text=text), as_json)


@app.command("rename")
def rename_command(name: Name, title: Annotated[str, typer.Argument(help="The new title.")]) -> None:
    """Give the routine a new title (its name stays, so links to it keep working)."""
    from supple.services.builder import rename_routine

    rename_routine(command_context(), name=name, title=title)


@app.command("copy")
def copy_command(name: Name, as_json: Json = False) -> None:
    """Copy the routine, as "Copy of <title>"."""
    from supple.services.builder import duplicate_routine, routine_to_edit

    context = command_context()
    show(routine_to_edit(context, name=duplicate_routine(context, name=name)), as_json)


@app.command("delete")
def delete_command(name: Name) -> None:
    """Delete the routine (the sessions played from it are kept)."""
    from supple.services.builder import delete_routine

    delete_routine(command_context(), name=name)


@app.command("favourite")
def favourite_command(
    name: Name, off: Annotated[bool, typer.Option("--off", help="No longer a favourite.")] = False
) -> None:
    """Mark the routine as a favourite (listed first), or with --off no longer."""
    from supple.services.builder import mark_favourite

    mark_favourite(command_context(), name=name, favourite=not off)
