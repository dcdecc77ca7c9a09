"""`supple export` and `supple import`: a portable backup of everything, and FHIR for a clinic."""

from __future__ import annotations

from pathlib import Path

from supple.cli.console import console
from supple.cli.context import command_context
from supple.cli.parsing import Parser
from supple.errors import BadRequest


def define(name: str, parser: Parser) -> None:
    if name == "import":
        parser.runs(import_command).add_argument("path", type=Path, metavar="FILE")
        return
    parser.runs(export_command)
    parser.add_argument("path", type=Path, nargs="?", metavar="FILE", help="Where to write the JSON backup.")
    parser.add_argument(
        "--fhir", type=Path, metavar="FILE", help="Write the routine and pain ratings as HL7 FHIR R4 instead."
    )
    parser.add_argument("--routine", metavar="NAME", help="With --fhir: this saved routine (else the latest).")


def export_command(*, path: Path | None, fhir: Path | None, routine: str | None) -> None:
    """Write a versioned JSON backup of everything supple keeps for you, or with --fhir FILE a FHIR R4
    Bundle (the saved routine as a CarePlan, pain ratings as Observations) for a clinic's records."""
    if path is not None and fhir is not None:
        raise BadRequest("give a FILE for a backup or --fhir FILE for FHIR, not both")
    context = command_context()
    if fhir is not None:
        from supple.services.interop import write_fhir

        export = write_fhir(context, path=fhir, routine=routine)
        plan = f"routine {export.routine}" if export.routine else "no saved routine"
        console().print(f"Wrote {fhir}: FHIR R4 Bundle with {plan} and {export.observations} pain ratings.")
        return
    if path is None:
        raise BadRequest("say where to write: a FILE for a backup, or --fhir FILE for FHIR")
    if routine is not None:
        raise BadRequest("--routine goes with --fhir FILE: a backup holds every routine")
    from supple.services.personal_data import export_backup

    sessions = export_backup(context, path=path)
    console().print(f"Wrote {path} ({sessions} sessions).")


def import_command(*, path: Path) -> None:
    """Restore a backup into an empty store; a damaged or foreign file changes nothing."""
    from supple.services.personal_data import import_backup

    sessions = import_backup(command_context(), path=path)
    console().print(f"Restored {sessions} sessions from {path}.")
