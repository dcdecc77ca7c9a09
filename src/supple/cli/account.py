"""`supple account`: clinic mode's accounts, for whoever runs the server (there is nobody to sign in
as before the first clinician exists). Passwords come from a hidden prompt or standard input,
never from the command line, where other users and the shell's history would see them."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from supple.cli.console import console, write_json
from supple.cli.context import command_context
from supple.errors import BadRequest

app = typer.Typer(
    help="Clinic mode's accounts (supple serve --multi-user): clinicians and their clients.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
Name = Annotated[str, typer.Argument(metavar="NAME", help="The username they sign in with.")]
PasswordStdin = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from standard input (its first line).")
]


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise BadRequest("no terminal to ask for the password on: pass it on standard input with --password-stdin")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@app.command("add")
def add_command(
    name: Name,
    clinician: Annotated[
        bool, typer.Option("--clinician", help="A clinician, who adds and looks after clients.")
    ] = False,
    client_of: Annotated[
        str | None, typer.Option("--client-of", metavar="CLINICIAN", help="A client of this clinician.")
    ] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Add an account: a clinician (--clinician), or a client of one (--client-of CLINICIAN)."""
    from supple.services.people import create_account

    if clinician == (client_of is not None):
        raise BadRequest("say which: --clinician, or --client-of CLINICIAN")
    role = "clinician" if clinician else "client"
    record = create_account(
        command_context(), username=name, password=_password(password_stdin), role=role, clinician=client_of
    )
    console().print(f"Added {record.role} {record.username}.")


@app.command("list")
def list_command(as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False) -> None:
    """Every account: username, role, and a client's clinician."""
    from supple.services.people import list_accounts

    found = list_accounts(command_context())
    names = {a.person_id: a.username for a in found}
    rows = [
        {"username": a.username, "role": a.role, "clinician": names.get(a.clinician_id) if a.clinician_id else None,
         "created_at": a.created_at.isoformat()}
        for a in found
    ]  # fmt: skip
    if as_json:
        write_json(rows)
        return
    out = console()
    if not rows:
        out.print("No accounts yet: add the first clinician with `supple account add NAME --clinician`.")
    for row in rows:
        out.print(f"{row['username']}  {row['role']}" + (f" of {row['clinician']}" if row["clinician"] else ""))


@app.command("password")
def password_command(name: Name, password_stdin: PasswordStdin = False) -> None:
    """Set a new password for an account (signs it out everywhere)."""
    from supple.services.people import set_password

    set_password(command_context(), username=name, password=_password(password_stdin))
    console().print(f"New password set for {name}; they are signed out everywhere.")
