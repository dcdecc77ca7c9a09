"""A person's data: a backup of it, restoring one, and deleting everything supple keeps about them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from supple.errors import BadRequest
from supple.services.progress import update_next_plan
from supple.store.files.atomic import write_json_file
from supple.store.repositories.backups import parse_backup, read_json

if TYPE_CHECKING:
    from supple.services.context import AppContext

# Far past any person's records (a year of daily sessions is under 2 MB); the web refuses a larger
# upload before reading it all, and the command line a larger file.
LARGEST_BACKUP = 50 * 1024 * 1024


def backup_data(context: AppContext, *, person_id: int | None = None) -> dict[str, Any]:
    """Everything kept, as the versioned backup document; in clinic mode, the person's own only."""
    return context.mode.backup(person_id)


def export_backup(context: AppContext, *, path: Path) -> int:
    """Write everything to a versioned JSON file; returns the number of sessions in it."""
    data = backup_data(context)
    write_json_file(path, data)
    return sum(len(person["sessions"]) for person in data["people"])


def import_backup(context: AppContext, *, path: Path) -> int:
    """Restore a backup into an empty store (all or nothing); returns the sessions restored."""
    try:
        with path.open("rb") as file:
            data = file.read(LARGEST_BACKUP + 1)  # what never ends (/dev/zero) is read no further
    except OSError as error:
        raise BadRequest(f"{path}: cannot be read ({error.strerror})") from None
    if len(data) > LARGEST_BACKUP:
        raise BadRequest(f"{path}: too large to be a supple backup")
    return restore_backup(context, data=data, source=str(path))


def restore_backup(context: AppContext, *, data: bytes, source: str, person_id: int | None = None) -> int:
    """Restore a backup document (the file's bytes) into an empty store; `source` names it in errors.
    In clinic mode a one-person backup goes into the person's own empty records, nobody else's."""
    try:
        restored = context.mode.restore(person_id, parse_backup(read_json(data)))
    except BadRequest as error:
        raise BadRequest(f"{error} ({source})", topic=error.topic, choices=error.choices, detail=error.detail) from None
    update_next_plan(context, person_id=person_id)
    return restored


def delete_everything(context: AppContext, *, person_id: int | None = None) -> None:
    """Forget the person: every record in the database, the screening and the next plan's advice
    (in clinic mode their account and sign-ins too: the tables cascade)."""
    context.mode.forget(person_id)
