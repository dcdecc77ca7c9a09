"""`supple export FILE` and `supple import FILE`: a portable backup of everything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

File = Annotated[Path, typer.Argument(metavar="FILE")]


def export_command(path: File) -> None:
    """Write a versioned JSON backup of everything supple keeps for you."""
    from supple import services
    from supple.cli.console import console
    from supple.config import Settings

    sessions = services.export_backup(settings=Settings.from_env(), path=path)
    console().print(f"Wrote {path} ({sessions} sessions).")


def import_command(path: File) -> None:
    """Restore a backup into an empty store; a damaged or foreign file changes nothing."""
    from supple import services
    from supple.cli.console import console
    from supple.config import Settings

    sessions = services.import_backup(settings=Settings.from_env(), path=path)
    console().print(f"Restored {sessions} sessions from {path}.")
