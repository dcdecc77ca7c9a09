"""Bad environments and bad arguments, given to the real `supple` command: each gets one plain line
and its documented exit code (README, "Exit codes": 1 the store or the machine cannot, 2 bad input),
never a traceback. Each case is what an attacker's probe found, or what a person does by mistake."""

from __future__ import annotations

import contextlib
import json
import os
import random
import socket
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from supple.config import Settings
from supple.services.context import AppContext
from supple.services.screening import record_screening
from supple.store.repositories import open_store

SUPPLE = str(Path(sys.executable).parent / "supple")
ROUTINE = "warmup_minutes: 0\nexercises:\n  - {exercise: cat-cow, reps: 2}\n"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def supple(*args: str, home: Path, env: dict[str, str] | None = None) -> Ran:
    environ = {k: v for k, v in os.environ.items() if k != "SUPPLE_DATABASE_URL"}
    environ |= {"SUPPLE_HOME": str(home), "COLUMNS": "200"} | (env or {})
    done = subprocess.run(
        [SUPPLE, *args], env=environ, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL
    )
    return Ran(done.returncode, done.stdout, done.stderr)


@dataclass(frozen=True)
class Case:
    """What to break (`prepare` gets the test's folder, gives SUPPLE_HOME and any environment), the
    command, the exit code and a phrase of the one line it says."""

    name: str
    args: tuple[str, ...]
    code: int
    says: str
    prepare: Callable[[Path], tuple[Path, dict[str, str]]] = field(default=lambda tmp: (tmp / "home", {}))


def a_file_as_home(tmp: Path) -> tuple[Path, dict[str, str]]:
    (tmp / "afile").write_text("not a folder", encoding="utf-8")
    return tmp / "afile", {}


def below_a_file(tmp: Path) -> tuple[Path, dict[str, str]]:
    (tmp / "afile").write_text("not a folder", encoding="utf-8")
    return tmp / "afile" / "home", {}


def database(content: Callable[[Path], None]) -> Callable[[Path], tuple[Path, dict[str, str]]]:
    """A SUPPLE_HOME whose supple.db is made by `content` (given the path)."""

    def prepare(tmp: Path) -> tuple[Path, dict[str, str]]:
        home = tmp / "home"
        home.mkdir()
        content(home / "supple.db")
        return home, {}

    return prepare


def a_real_database(path: Path) -> None:
    open_store(f"sqlite:///{path}").close()  # made and migrated


def truncated(path: Path) -> None:
    a_real_database(path)
    path.write_bytes(path.read_bytes()[:3000])


def random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(5000))


def newer(path: Path) -> None:
    a_real_database(path)
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '0099'")


def another_programs(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE people (name TEXT)")


def address(url: str) -> Callable[[Path], tuple[Path, dict[str, str]]]:
    return lambda tmp: (tmp / "home", {"SUPPLE_DATABASE_URL": url.replace("TMP", str(tmp))})


def in_home(make: Callable[[Path], None]) -> Callable[[Path], tuple[Path, dict[str, str]]]:
    """A screened SUPPLE_HOME, then `make` given it."""

    def prepare(tmp: Path) -> tuple[Path, dict[str, str]]:
        home = tmp / "home"
        context = AppContext(Settings(home=home))
        record_screening(context, yes=[])
        context.close()
        make(home)
        return home, {}

    return prepare


def with_files(tmp: Path) -> tuple[Path, dict[str, str]]:
    """Files to hand to commands: a folder, a file in the way, binary bytes, a routine."""
    (tmp / "folder").mkdir()
    (tmp / "afile").write_text("in the way", encoding="utf-8")
    (tmp / "binary.json").write_bytes(random.Random(3).randbytes(2000))
    (tmp / "routine.yaml").write_text(ROUTINE, encoding="utf-8")
    return tmp / "home", {}


CASES = [
    # SUPPLE_HOME
    Case("SUPPLE_HOME is a file", ("history",), 2, "a file is where its data folder should be", a_file_as_home),
    Case("SUPPLE_HOME is below a file", ("plan", "--for", "sciatica", "--minutes", "10"), 2,
         "a file is where its data folder should be", below_a_file),
    Case("SUPPLE_HOME cannot be made", ("history",), 2, "cannot make its data folder there",
         lambda tmp: (Path("/proc/supple-home"), {})),
    Case("SUPPLE_HOME's name is too long", ("history",), 2, "File name too long",
         lambda tmp: (tmp / ("x" * 300), {})),
    Case("SUPPLE_HOME is /dev/null", ("history",), 2, "a file is where its data folder should be",
         lambda tmp: (Path("/dev/null"), {})),
    # its database
    Case("a corrupt supple.db", ("history",), 1, "database is damaged", database(random_bytes)),
    Case("a truncated supple.db", ("history",), 1, "database is damaged", database(truncated)),
    Case("an empty supple.db is a new one", ("history",), 0, "No sessions yet", database(lambda p: p.touch())),
    Case("supple.db is a folder", ("history",), 1, "database cannot be opened", database(lambda p: p.mkdir())),
    Case("a database of a newer supple", ("history",), 1, "made by a newer supple", database(newer)),
    Case("another program's database", ("history",), 1, "another program's tables", database(another_programs)),
    Case("a screening file of binary bytes", ("go", "--dry-run"), 2, "the stored screening is unreadable",
         in_home(lambda home: (home / "screening.json").write_bytes(b"\xbf\xff" * 50))),
    Case("a folder for the screening file", ("plan", "--for", "sciatica", "--minutes", "10"), 2,
         "screening.json: cannot be read (Is a directory)",
         in_home(lambda home: [(home / "screening.json").unlink(), (home / "screening.json").mkdir()])),
    Case("a folder for the people's version", ("history",), 2, "people.mark: cannot be read (Is a directory)",
         in_home(lambda home: (home / "cache" / "people.mark").mkdir(parents=True))),
    # SUPPLE_DATABASE_URL
    Case("SUPPLE_DATABASE_URL=garbage", ("history",), 2, "the database address cannot be read", address("garbage")),
    Case("SUPPLE_DATABASE_URL=nope://x", ("history",), 2, "SQLite or PostgreSQL, not 'nope'", address("nope://x")),
    Case("SUPPLE_DATABASE_URL=mysql://...", ("history",), 2, "SQLite or PostgreSQL, not 'mysql'",
         address("mysql://supple:secret@localhost/supple")),
    Case("SUPPLE_DATABASE_URL with another driver", ("history",), 2, "PostgreSQL through psycopg, not 'asyncpg'",
         address("postgresql+asyncpg://supple:secret@127.0.0.1/supple")),
    Case("SUPPLE_DATABASE_URL below a file", ("history",), 2, "the database's folder cannot be made",
         lambda tmp: (a_file_as_home(tmp)[0].parent / "home", {"SUPPLE_DATABASE_URL": f"sqlite:///{tmp}/afile/x.db"})),
    # supple serve
    Case("serve --ssl-certfile missing", ("serve", "--port", "PORT", "--ssl-certfile", "/missing.pem"), 2,
         "/missing.pem: cannot be read (No such file or directory)"),
    Case("serve --ssl-certfile not a certificate", ("serve", "--port", "PORT", "--ssl-certfile", "TMP/afile"), 2,
         "not a certificate and key", with_files),
    Case("serve --ssl-keyfile alone", ("serve", "--port", "PORT", "--ssl-keyfile", "/missing.key"), 2,
         "--ssl-keyfile goes with --ssl-certfile"),
    Case("serve on a port in use", ("serve", "--port", "TAKEN"), 1, "another program is listening on port"),
    Case("serve on an address not this machine's", ("serve", "--port", "PORT", "--host", "192.0.2.1"), 2,
         "192.0.2.1 is not an address of this machine"),
    # files named on the command line
    Case("export to a folder", ("export", "TMP/folder"), 2, "is a folder", with_files),
    Case("remind --ics to a folder", ("remind", "--days", "mon", "--at", "07:30", "--ics", "TMP/folder"), 2,
         "is a folder", with_files),
    Case("export below a file", ("export", "TMP/afile/backup.json"), 2, "cannot be written", with_files),
    Case("export to a name too long", ("export", "TMP/" + "y" * 300 + ".json"), 2, "File name too long", with_files),
    Case("import a folder", ("import", "TMP/folder"), 2, "cannot be read (Is a directory)", with_files),
    Case("import /dev/null", ("import", "/dev/null"), 2, "not valid JSON"),
    Case("import binary bytes", ("import", "TMP/binary.json"), 2, "not valid JSON", with_files),
    Case("import /dev/zero", ("import", "/dev/zero"), 2, "too large to be a supple backup"),
    Case("go --plan /dev/zero", ("go", "--plan", "/dev/zero", "--dry-run"), 2, "too large to be a supple file",
         in_home(lambda home: None)),
]  # fmt: skip


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port another program listens on."""
    with socket.socket() as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def says_one_plain_line(ran: Ran, case: Case) -> None:
    assert "Traceback" not in ran.out + ran.err, ran.err
    assert ran.code == case.code, (ran.code, ran.err, ran.out)
    if case.code == 0:
        assert case.says in ran.out
        return
    lines = ran.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("supple: "), ran.err
    assert case.says in lines[0], lines[0]
    assert "secret" not in ran.err, "a database address's password is never repeated"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_bad_environment_or_argument_is_one_plain_line_with_its_exit_code(
    case: Case, tmp_path: Path, taken_port: int
) -> None:
    home, env = case.prepare(tmp_path)
    args = [a.replace("TMP", str(tmp_path)).replace("TAKEN", str(taken_port)) for a in case.args]
    args = [str(free_port()) if a == "PORT" else a for a in args]
    says_one_plain_line(supple(*args, home=home, env=env), case)


# --- what is written through a link or into a pipe ---------------------------------------------------


def test_a_backup_written_through_a_link_replaces_the_file_it_points_to_and_keeps_the_link(tmp_path: Path) -> None:
    home, target, link = tmp_path / "home", tmp_path / "backup.json", tmp_path / "latest.json"
    target.write_text("an older backup", encoding="utf-8")
    link.symlink_to(target)
    assert supple("export", str(link), home=home).code == 0
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["format"] == "supple-backup"


def test_a_backup_written_into_a_pipe_goes_into_it_and_the_pipe_stays(tmp_path: Path) -> None:
    """As /dev/stdout or a device would: written to, never replaced by a file (as root, replacing
    /dev/stdout or /dev/full with a file broke them for the whole machine)."""
    home, pipe = tmp_path / "home", tmp_path / "backup.json"
    os.mkfifo(pipe)
    reader = os.open(pipe, os.O_RDWR | os.O_NONBLOCK)  # holds the pipe open, so writing to it never waits
    try:
        assert supple("export", str(pipe), home=home).code == 0
        assert stat.S_ISFIFO(pipe.stat().st_mode), "the pipe was replaced by a file"
        assert json.loads(os.read(reader, 1 << 16))["format"] == "supple-backup"
    finally:
        os.close(reader)


# --- a data folder this process may not write, as root too -----------------------------------------


@pytest.fixture
def immutable(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Makes a file or folder immutable (chattr +i), which even root cannot change; undone after."""
    made: list[Path] = []

    def make(path: Path) -> None:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"chattr +i is not possible here: {done.stderr.decode().strip()}")
        made.append(path)

    yield make
    for path in reversed(made):
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_data_folder_that_cannot_be_written_is_one_line_and_a_fault_of_the_store(
    tmp_path: Path, immutable: Callable[[Path], None]
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    immutable(home)
    for args in (("screen", "--none"), ("history",)):
        ran = supple(*args, home=home)
        says_one_plain_line(ran, Case("", args, 1, "supple"))
        assert "nothing was changed" in ran.err or "cannot write" in ran.err, ran.err


def test_a_command_started_with_its_output_closed_prints_nowhere_instead_of_failing(tmp_path: Path) -> None:
    """`supple catalog --json >&-`: Python then has no sys.stdout at all, and writing the JSON failed."""
    env = {**os.environ, "SUPPLE_HOME": str(tmp_path / "home")}
    done = subprocess.run(
        [SUPPLE, "catalog", "--json"], env=env, stderr=subprocess.PIPE, text=True, timeout=60,
        preexec_fn=lambda: os.close(1),
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
