"""A clinician's routine templates (clinic mode): routines kept to give to any of their clients."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from supple.store.database.engine import Database
from supple.store.database.tables import TemplateRow


@dataclass(frozen=True)
class Template:
    id: int
    title: str
    plan: dict[str, Any]
    saved_at: dt.datetime


class Templates:
    def __init__(self, database: Database) -> None:
        self.database = database

    def add(self, *, clinician_id: int, title: str, plan: dict[str, Any], now: dt.datetime) -> int:
        with self.database.writing() as s:
            row = TemplateRow(clinician_id=clinician_id, title=title, plan=plan, saved_at=now)
            s.add(row)
            s.flush()
            return row.id

    def listed(self, *, clinician_id: int) -> list[Template]:
        query = select(TemplateRow).where(TemplateRow.clinician_id == clinician_id).order_by(TemplateRow.title)
        with self.database.reading() as c:
            return [Template(row.id, row.title, row.plan, row.saved_at) for row in c.execute(query)]

    def get(self, *, clinician_id: int, template_id: int) -> Template | None:
        """The clinician's template of that id; None for another clinician's, as for none."""
        query = select(TemplateRow).where(TemplateRow.clinician_id == clinician_id, TemplateRow.id == template_id)
        with self.database.reading() as c:
            row = c.execute(query).first()
        return None if row is None else Template(row.id, row.title, row.plan, row.saved_at)

    def delete(self, *, clinician_id: int, template_id: int) -> bool:
        query = delete(TemplateRow).where(TemplateRow.clinician_id == clinician_id, TemplateRow.id == template_id)
        with self.database.writing() as s:
            return bool(s.execute(query).rowcount)  # type: ignore[attr-defined]
