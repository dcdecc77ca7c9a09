"""who gave a routine (a clinician), and each session's planned work, for which sessions count

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 10:00:00
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The kinds of step that are the exercise itself (planner/expand.py WORK_KINDS, as of this revision).
WORK_KINDS = frozenset({"hold", "breaths", "reps", "push", "warmup"})


def planned_work(plan: Any) -> int | None:
    """The work seconds of a plan's JSON as kept with a session, or None if it does not read."""
    try:
        return sum(
            int(step["seconds"]) for item in plan["items"] for step in item["steps"] if step["kind"] in WORK_KINDS
        )
    except (KeyError, TypeError, ValueError):
        return None


def upgrade() -> None:
    with op.batch_alter_table("routines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("given_by", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_routines_given_by_people"), "people", ["given_by"], ["id"], ondelete="SET NULL"
        )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("planned_work_seconds", sa.Integer(), nullable=True))
    # Sessions kept before: their planned work, from the plan each one kept.
    sessions = sa.table(
        "sessions", sa.column("id", sa.Integer()), sa.column("plan", sa.JSON()),
        sa.column("planned_work_seconds", sa.Integer()),
    )  # fmt: skip
    connection = op.get_bind()
    found = [(row.id, planned_work(row.plan)) for row in connection.execute(sa.select(sessions.c.id, sessions.c.plan))]
    known = [{"row_id": row_id, "work": work} for row_id, work in found if work is not None]
    if known:
        connection.execute(
            sessions.update()
            .where(sessions.c.id == sa.bindparam("row_id"))
            .values(planned_work_seconds=sa.bindparam("work")),
            known,
        )


def downgrade() -> None:
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("planned_work_seconds")
    with op.batch_alter_table("routines", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_routines_given_by_people"), type_="foreignkey")
        batch_op.drop_column("given_by")
