"""`supple account`: the first clinician from the command line, clients of one, new passwords."""

from __future__ import annotations

import io
import json
import sys

import pytest

from supple.config import Settings
from supple.services import people
from supple.services.context import AppContext


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):
    def feed(text: str) -> None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    return feed


def test_the_first_clinician_and_a_client_are_added_from_the_command_line(run_cli, stdin, home) -> None:
    stdin("carol's long password\n")
    added = run_cli("account", "add", "Carol", "--clinician", "--password-stdin")
    assert added.code == 0 and "Added clinician carol" in added.out
    stdin("sam's long password\n")
    assert run_cli("account", "add", "sam", "--client-of", "carol", "--password-stdin").code == 0
    listed = json.loads(run_cli("account", "list", "--json").out)
    assert [(a["username"], a["role"], a["clinician"]) for a in listed] == [
        ("carol", "clinician", None), ("sam", "client", "carol"),
    ]  # fmt: skip
    context = AppContext(Settings.from_env())
    try:
        stored = context.store.accounts.named(username="carol")
    finally:
        context.close()
    assert stored is not None and stored.password_hash.startswith("$argon2id$")


def test_bad_requests_say_what_is_valid_and_never_repeat_the_password(run_cli, stdin) -> None:
    stdin("tiny\n")
    short = run_cli("account", "add", "carol", "--clinician", "--password-stdin")
    assert short.code == 2 and "10 to 1024 characters" in short.err and "tiny" not in short.err + short.out
    stdin("long enough password\n")
    assert run_cli("account", "add", "sam", "--password-stdin").code == 2  # neither --clinician nor --client-of
    stdin("long enough password\n")
    orphan = run_cli("account", "add", "sam", "--client-of", "nobody", "--password-stdin")
    assert orphan.code == 2 and "no clinician" in orphan.err
    no_terminal = run_cli("account", "add", "carol", "--clinician")
    assert no_terminal.code == 2 and "--password-stdin" in no_terminal.err


def test_a_new_password_replaces_the_old_and_signs_out_everywhere(run_cli, stdin) -> None:
    stdin("the first password\n")
    run_cli("account", "add", "carol", "--clinician", "--password-stdin")
    context = AppContext(Settings.from_env())
    try:
        signed = people.sign_in(context, username="carol", password="the first password", address="x")
        stdin("the second password\n")
        assert run_cli("account", "password", "carol", "--password-stdin").code == 0
        assert people.signed_in(context, token=signed.token) is None
        fresh = people.sign_in(context, username="carol", password="the second password", address="x")
        assert people.signed_in(context, token=fresh.token) is not None
    finally:
        context.close()


def test_a_clinics_database_is_served_only_in_clinic_mode(run_cli, stdin) -> None:
    stdin("carol's long password\n")
    run_cli("account", "add", "carol", "--clinician", "--password-stdin")
    refused = run_cli("serve")
    assert refused.code == 2 and "--multi-user" in refused.err


def test_an_empty_account_list_says_how_to_start(run_cli) -> None:
    assert "supple account add NAME --clinician" in run_cli("account", "list").out


def test_a_password_of_spaces_or_a_common_one_is_refused_without_repeating_it(run_cli, stdin) -> None:
    stdin("          \n")
    spaces = run_cli("account", "add", "carol", "--clinician", "--password-stdin")
    assert spaces.code == 2 and "cannot be only spaces" in spaces.err
    stdin("1234567890\n")
    common = run_cli("account", "add", "carol", "--clinician", "--password-stdin")
    assert common.code == 2 and "one of the most common" in common.err and "1234567890" not in common.err
    assert run_cli("account", "list").out.count("carol") == 0


def test_in_a_terminal_the_password_is_asked_twice_unseen_until_both_agree(home) -> None:
    import os

    import pexpect

    env = {**os.environ, "SUPPLE_HOME": str(home), "TERM": "xterm"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "supple", "account", "add", "carol", "--clinician"],
        env=env,
        encoding="utf-8",
        timeout=30,
    )
    shown = io.StringIO()
    child.logfile_read = shown
    child.expect("Password: ")
    child.sendline("carol's long password")
    child.expect("Repeat for confirmation: ")
    child.sendline("not the same one at all")
    child.expect("do not match")
    child.expect("Password: ")
    child.sendline("carol's long password")
    child.expect("Repeat for confirmation: ")
    child.sendline("carol's long password")
    child.expect("Added clinician carol")
    child.expect(pexpect.EOF)
    assert "long password" not in shown.getvalue() and "same one" not in shown.getvalue(), "typing is not shown"
    child.close()
    assert child.exitstatus == 0
