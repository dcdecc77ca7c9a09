"""The errors supple raises on purpose; each maps to a command-line exit code."""

from __future__ import annotations

from pathlib import Path


class SuppleError(Exception):
    """Base class: a problem the user can act on, shown as one line, never a traceback.

    The message is in plain words, fit for a web page and a terminal alike. What only one of them
    can use travels beside it: `topic` names the kind of problem, so that an adapter may add its own
    hint (the command line names its command or option, the web links to its page); `choices` are
    the nearest or the valid values, for an adapter to offer; `detail` is where in a file it went
    wrong, which the command line prints and a web page leaves out."""

    exit_code = 1

    def __init__(
        self, *args: object, topic: str | None = None, choices: tuple[str, ...] = (), detail: str | None = None
    ) -> None:
        super().__init__(*args)
        self.topic = topic
        self.choices = choices
        self.detail = detail


class BadRequest(SuppleError):
    """Bad input from the user: says what was wrong and what is valid."""

    exit_code = 2


class NotFound(BadRequest):
    """No such thing, or not the asker's to see (the two look alike on purpose)."""


class Conflict(BadRequest):
    """The request is well formed but the thing it acts on does not allow it now (a session over)."""


class DataFileError(SuppleError):
    """A content file (catalogue, vocabulary, routine, backup) failed validation."""

    exit_code = 2

    def __init__(
        self, path: Path | str, field: str, problem: str, *, topic: str | None = None, choices: tuple[str, ...] = ()
    ) -> None:
        self.path = Path(path)
        self.field = field
        self.problem = problem
        where = f"{self.path}: {field}" if field else str(self.path)
        super().__init__(f"{where}: {problem}", topic=topic, choices=choices)


class UnsafeToStart(SuppleError):
    """The safety gate refuses: no screening yet, a stop verdict, or an unacknowledged caution."""

    exit_code = 3


class Unauthorized(SuppleError):
    """Not signed in (clinic mode), or a username and password that do not match."""

    exit_code = 2


class TooManyAttempts(SuppleError):
    """Too many failed sign-ins for a username or from an address (or `what` else failed too
    often): wait `retry_after` seconds."""

    exit_code = 2

    def __init__(self, retry_after: int, *, what: str = "failed sign-ins") -> None:
        self.retry_after = retry_after
        minutes = -(-retry_after // 60)
        super().__init__(f"too many {what}: try again in {minutes} minute{'s' if minutes != 1 else ''}")


class StoreUnavailable(SuppleError):
    """The data cannot be written or reached just now (a full disk, a read-only database, a database
    server restarting): nothing is wrong with the request, and the store is left as it was."""


class MachineRefuses(SuppleError):
    """This machine will not do what was asked just now (another program listens on the port, a
    port kept for the administrator): nothing is wrong with the request itself; exit code 1, as for
    a fault of the store."""
