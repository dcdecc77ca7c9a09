"""The use cases that the command line and the web app share. Keyword-only, settings injected.

`from supple import services` gives all of them; each submodule holds one area.
"""

from typing import TYPE_CHECKING, Any

from supple.services.content import catalog_for
from supple.services.core import (
    easier_now,
    get_exercise,
    latest_screening,
    list_exercises,
    make_plan,
    precautions_for,
    record_screening,
    rehearse_session,
    report_pain,
    request_fresh_screening,
    require_safe_start,
    routine_names,
    routine_to_play,
    save_routine,
    saved_routine,
    screening_questions,
    screening_staleness,
)

if TYPE_CHECKING:
    from supple.services.sessions import (
        KeptSession,
        Unfinished,
        backup_data,
        begin_session,
        database,
        delete_everything,
        end_session,
        export_backup,
        history,
        import_backup,
        known_local_person,
        local_person,
        restore_backup,
        resume_session,
        set_aside_unfinished,
        unfinished_session,
    )

__all__ = [
    "KeptSession", "Unfinished", "backup_data", "begin_session", "catalog_for", "database", "delete_everything",
    "easier_now", "end_session", "export_backup", "get_exercise", "history", "import_backup", "known_local_person",
    "latest_screening", "list_exercises", "local_person", "make_plan", "precautions_for", "record_screening",
    "rehearse_session", "report_pain", "request_fresh_screening", "require_safe_start", "restore_backup",
    "resume_session", "routine_names", "routine_to_play", "save_routine", "saved_routine", "screening_questions",
    "screening_staleness", "set_aside_unfinished", "unfinished_session",
]  # fmt: skip

# The session use cases bring the routine files' models and the database layer with them, which a
# command that only plans does not need: `supple plan` is timed cold (DESIGN.md). They load on
# first use instead.
_IN_SESSIONS = frozenset(
    {
        "KeptSession",
        "Unfinished",
        "backup_data",
        "begin_session",
        "database",
        "delete_everything",
        "end_session",
        "export_backup",
        "history",
        "import_backup",
        "known_local_person",
        "local_person",
        "restore_backup",
        "resume_session",
        "set_aside_unfinished",
        "unfinished_session",
    }
)


def __getattr__(name: str) -> Any:
    if name in _IN_SESSIONS:
        from supple.services import sessions

        return getattr(sessions, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
