"""`supple catalog` and `supple show`: browse the exercises."""

from __future__ import annotations

import sys
from pathlib import Path

from supple.cli.console import console, write_json
from supple.cli.context import command_context
from supple.cli.parsing import Parser, flag

JSON_HELP = "Print the contract's JSON instead of a table."


def define(name: str, parser: Parser) -> None:
    if name == "catalog":
        parser.runs(catalog_command)
        parser.add_argument(
            "--for", dest="condition", metavar="CONDITION", help="Only exercises that help with this condition."
        )
        parser.add_argument("--position", metavar="P", help="Only this position.")
        parser.add_argument("--kind", metavar="K", help="Only this kind of exercise.")
        flag(parser, "--json", "as_json", JSON_HELP)
        return
    parser.runs(show_command)
    parser.add_argument("exercise_id", metavar="ID", help="The exercise's id (see `supple catalog`).")
    flag(parser, "--json", "as_json", JSON_HELP)
    parser.add_argument(
        "--svg", type=Path, metavar="FILE", help="Write the exercise's figure to FILE as an SVG image ('-': stdout)."
    )


def catalog_command(*, condition: str | None, position: str | None, kind: str | None, as_json: bool) -> None:
    """List the exercises, optionally filtered."""
    from supple.services.catalogue import catalog, list_exercises

    context = command_context()
    exercises = list_exercises(context, condition=condition, position=position, kind=kind, own_files_must_load=True)
    if as_json:
        write_json([exercise.model_dump(mode="json") for exercise in exercises])
        return
    from supple.cli.catalog_view import exercise_table  # Rich: only for the terminal

    console().print(exercise_table(catalog(context), exercises))


def show_command(*, exercise_id: str, as_json: bool, svg: Path | None) -> None:
    """Show one exercise: how to do it, the dose, cautions and sources."""
    from supple.services.catalogue import catalog, get_exercise

    context = command_context()
    exercise = get_exercise(context, exercise_id=exercise_id)
    if svg is not None:
        from supple.services.figures import exercise_figure, write_figure  # drawing: only with --svg

        if str(svg) == "-":
            sys.stdout.write(exercise_figure(context, exercise_id=exercise.id).svg)
            return
        written = write_figure(context, exercise_id=exercise.id, path=svg)
        # On stderr, so `--json` output on stdout stays a single JSON document.
        sys.stderr.write(f"Figure of {exercise.name} written to {written}\n")
    if as_json:
        write_json(exercise.model_dump(mode="json"))
        return
    from supple.cli.catalog_view import exercise_card  # Rich: only for the terminal

    console().print(exercise_card(catalog(context), exercise))
