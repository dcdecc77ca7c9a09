"""A clinician's dashboard: every client with their last session, sessions this week against the
goal, pain trend and what needs a look (progress/dashboard.py), sorted by any column, and the same
as a CSV file. Only the clinician's own clients: the list comes from their accounts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from supple.errors import BadRequest
from supple.export.dashboard_csv import dashboard_csv
from supple.progress.dashboard import DEFAULT_SORT, SORT_KEYS, ClientRow, SortKey, client_row, sort_rows
from supple.services.clinic import alerts_of_clients, clients

if TYPE_CHECKING:
    from supple.services.context import AppContext


@dataclass(frozen=True)
class Dashboard:
    rows: list[ClientRow]
    sort: SortKey
    descending: bool


def sort_key(text: str | None) -> SortKey:
    """A column to sort by, as a page's link or the command line names it."""
    if text is None or text == "":
        return DEFAULT_SORT
    for key in SORT_KEYS:
        if key == text:
            return key
    raise BadRequest(f"sort by one of {', '.join(SORT_KEYS)}, not {text[:20]!r}")


def dashboard(
    context: AppContext, *, clinician_id: int, sort: SortKey = DEFAULT_SORT, descending: bool = True
) -> Dashboard:
    """Each of the clinician's clients, in the order asked for ("this week" and "7 days" by the
    context's clock)."""
    now, today = context.now(), context.today()
    accounts = clients(context, clinician_id=clinician_id)
    alerts = alerts_of_clients(context, clinician_id=clinician_id)
    sessions = context.store.history.totals_of(person_ids=[account.person_id for account in accounts])
    rows = [
        client_row(
            person_id=account.person_id,
            name=account.username,
            sessions=sessions[account.person_id],
            alerts=alerts.get(account.person_id, []),
            now=now,
            today=today,
        )
        for account in accounts
    ]
    return Dashboard(sort_rows(rows, by=sort, descending=descending), sort, descending)


def dashboard_file(
    context: AppContext, *, clinician_id: int, sort: SortKey = DEFAULT_SORT, descending: bool = True
) -> tuple[str, bytes]:
    """The dashboard as a CSV file: its name (with today's date) and its bytes."""
    found = dashboard(context, clinician_id=clinician_id, sort=sort, descending=descending)
    exercises = context.content.catalog().exercises

    def name_of(exercise: str) -> str:
        return exercises[exercise].name if exercise in exercises else exercise

    data = dashboard_csv(found.rows, now=context.now(), name_of=name_of)
    return f"supple-clients-{context.today().isoformat()}.csv", data
