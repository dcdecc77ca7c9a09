"""The command line's own words after an error's plain message: which command or option to use.

The services and the domain say what went wrong in words fit for any page (no commands, no
folders); each error names its `topic`, and here the command line adds what only it can say."""

from __future__ import annotations

from supple.config import Settings
from supple.errors import SuppleError

SCREEN = "run `supple screen`"


def _choices(error: SuppleError, *, close: str, every: str) -> str:
    if not error.choices:
        return every
    return close.format(" or ".join(repr(choice) for choice in error.choices))


def with_hint(error: SuppleError) -> str:
    """The error's message, with the command line's hint and the file's detail where there are any."""
    message, topic = str(error), error.topic
    if topic in ("unscreened", "stale"):
        message = f"{message}: {SCREEN}"
    elif topic == "caution":
        message = f"{message} Then add --ack-caution."
    elif topic == "unknown-exercise":
        message += _choices(
            error, close="; did you mean {}? (see `supple catalog`)", every=" (`supple catalog` lists every exercise)"
        )
    elif topic == "unknown-choice":
        message += "; valid: " + ", ".join(error.choices)
    elif topic == "store-not-empty":
        message = f"{message} (import only into a new SUPPLE_HOME or database)"
    elif topic == "no-time":
        message = f"{message} (--warmed-up)"
    elif topic == "days":
        message = f"--days: {message}"
    elif topic == "time":
        message = f"--at: {message}"
    elif topic == "public-name":
        message = f"--public-name: {message}"
    elif topic == "no-public-name":
        message = f"{message}: add --public-name NAME for each name in the proxy's server_name"
    elif topic == "home":
        message = f"{message}: set SUPPLE_HOME to a folder"
    elif topic == "database-address":
        message = f"{message} (SUPPLE_DATABASE_URL: sqlite:///FILE or postgresql+psycopg://USER@HOST/DATABASE)"
    elif topic == "database-driver":
        message = f"{message}: pip install 'supple[postgres]'"
    elif topic == "port":
        message = f"{message}: choose another with --port"
    elif topic == "host":
        message = f"--host: {message}"
    elif topic in ("database-damaged", "database-file", "database-newer", "database-foreign"):
        message = f"{message} ({_database()})"
    if error.detail:
        message = f"{message} ({error.detail})"
    return message


def _database() -> str:
    """Which database the command used, without its address (which may hold a password)."""
    settings = Settings.from_env()
    return "the database SUPPLE_DATABASE_URL names" if settings.database_url else str(settings.home / "supple.db")
