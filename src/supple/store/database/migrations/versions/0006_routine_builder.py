"""routines shaped by hand: a title and a favourite mark, clinicians' drafts and templates

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("routines", schema=None) as batch_op:
        batch_op.add_column(sa.Column("title", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("favourite", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("draft", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "routine_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clinician_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("plan", sa.JSON(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["clinician_id"], ["people.id"], name=op.f("fk_routine_templates_clinician_id_people"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routine_templates")),
    )
    with op.batch_alter_table("routine_templates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_routine_templates_clinician_id"), ["clinician_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("routine_templates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_routine_templates_clinician_id"))
    op.drop_table("routine_templates")
    with op.batch_alter_table("routines", schema=None) as batch_op:
        batch_op.drop_column("draft")
        batch_op.drop_column("favourite")
        batch_op.drop_column("title")
