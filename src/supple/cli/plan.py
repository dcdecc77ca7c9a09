"""`supple plan`: a routine for what bothers you, in the time you have."""

from __future__ import annotations

from supple.cli.console import console, write_json
from supple.cli.context import command_context
from supple.cli.options import RequestOptions, add_ack_caution, add_request_options
from supple.cli.parsing import Parser, flag


def define(name: str, parser: Parser) -> None:
    parser.runs(plan_command)
    add_request_options(parser)
    add_ack_caution(parser)
    parser.add_argument("--save", metavar="NAME", help="Save the routine under this name.")
    flag(parser, "--json", "as_json", "Print the plan's JSON.")


def plan_command(*, asked: RequestOptions, ack_caution: bool, save: str | None, as_json: bool) -> None:
    """Build a routine: warm-up first, then the stretches that best cover what bothers you."""
    from supple.services.planning import make_plan

    context = command_context()
    plan = make_plan(context, request=asked.request(), ack_caution=ack_caution)
    if save:
        from supple.services.routines import save_routine  # saving opens the database; planning does not

        save_routine(context, name=save, plan=plan)
    if as_json:
        write_json(plan.to_json())
        return
    from supple.cli.plan_view import render_plan  # Rich: only for the terminal, not for --json

    out = console()
    out.print(render_plan(context.content.catalog(), plan))
    if save:
        out.print(f"Saved as {save}: `supple go --routine {save}` runs it (plain `supple go` runs the latest).")
