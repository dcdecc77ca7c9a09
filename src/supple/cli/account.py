"""`supple account`: clinic mode's accounts, for whoever runs the server (there is nobody to sign in
as before the first clinician exists). Passwords come from a hidden prompt or standard input,
never from the command line, where other users and the shell's history would see them."""

from __future__ import annotations

import sys

from supple.cli.console import console, write_json
from supple.cli.context import command_context
from supple.cli.parsing import Parser, flag
from supple.errors import BadRequest

NAME_HELP = "The username they sign in with."
PASSWORD_STDIN_HELP = "Read the password from standard input (its first line)."


def define(name: str, parser: Parser) -> None:
    add = parser.add_function("add", add_command)
    add.add_argument("name", metavar="NAME", help=NAME_HELP)
    flag(add, "--clinician", "clinician", "A clinician, who adds and looks after clients.")
    add.add_argument("--client-of", metavar="CLINICIAN", help="A client of this clinician.")
    flag(add, "--password-stdin", "password_stdin", PASSWORD_STDIN_HELP)
    flag(parser.add_function("list", list_command), "--json", "as_json", "As JSON.")
    password = parser.add_function("password", password_command)
    password.add_argument("name", metavar="NAME", help=NAME_HELP)
    flag(password, "--password-stdin", "password_stdin", PASSWORD_STDIN_HELP)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise BadRequest("no terminal to ask for the password on: pass it on standard input with --password-stdin")
    from getpass import getpass

    while True:
        password = getpass("Password: ")
        if getpass("Repeat for confirmation: ") == password:
            return password
        sys.stderr.write("The two entered values do not match.\n")


def add_command(*, name: str, clinician: bool, client_of: str | None, password_stdin: bool) -> None:
    """Add an account: a clinician (--clinician), or a client of one (--client-of CLINICIAN)."""
    from supple.services.people import create_account

    if clinician == (client_of is not None):
        raise BadRequest("say which: --clinician, or --client-of CLINICIAN")
    role = "clinician" if clinician else "client"
    record = create_account(
        command_context(), username=name, password=_password(password_stdin), role=role, clinician=client_of
    )
    console().print(f"Added {record.role} {record.username}.")


def list_command(*, as_json: bool) -> None:
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


def password_command(*, name: str, password_stdin: bool) -> None:
    """Set a new password for an account (signs it out everywhere)."""
    from supple.services.people import set_password

    set_password(command_context(), username=name, password=_password(password_stdin))
    console().print(f"New password set for {name}; they are signed out everywhere.")
