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


# Each topic's hint, around the error's own words ({message}).
HINTS = {
    "unscreened": "{message}: " + SCREEN,
    "stale": "{message}: " + SCREEN,
    "caution": "{message} Then add --ack-caution.",
    "store-not-empty": "{message} (import only into a new SUPPLE_HOME or database)",
    "no-time": "{message} (--warmed-up)",
    "days": "--days: {message}",
    "time": "--at: {message}",
    "public-name": "--public-name: {message}",
    "no-public-name": "{message}: add --public-name NAME for each name in the proxy's server_name",
    "home": "{message}: set SUPPLE_HOME to a folder",
    "database-address": "{message} (SUPPLE_DATABASE_URL: sqlite:///FILE or postgresql+psycopg://USER@HOST/DATABASE)",
    "database-driver": "{message}: pip install 'supple[postgres]'",
    "port": "{message}: choose another with --port",
    "host": "--host: {message}",
}
DATABASE_TOPICS = ("database-damaged", "database-file", "database-newer", "database-foreign")


def with_hint(error: SuppleError) -> str:
    """The error's message, with the command line's hint and the file's detail where there are any."""
    message, topic = str(error), error.topic
    if topic in HINTS:
        message = HINTS[topic].format(message=message)
    elif topic == "unknown-exercise":
        message += _choices(
            error, close="; did you mean {}? (see `supple catalog`)", every=" (`supple catalog` lists every exercise)"
        )
    elif topic == "unknown-choice":
        message += "; valid: " + ", ".join(error.choices)
    elif topic in DATABASE_TOPICS:
        message = f"{message} ({_database()})"
    if error.detail:
        message = f"{message} ({error.detail})"
    return message


def _database() -> str:
    """Which database the command used, without its address (which may hold a password)."""
    settings = Settings.from_env()
    return "the database SUPPLE_DATABASE_URL names" if settings.database_url else str(settings.home / "supple.db")
