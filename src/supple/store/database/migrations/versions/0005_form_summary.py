"""each set's form summary, when the camera checked it: seconds in position or repetitions counted, the main correction

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("in_position_s", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("correction", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("reps_counted", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sets", schema=None) as batch_op:
        batch_op.drop_column("reps_counted")
        batch_op.drop_column("correction")
        batch_op.drop_column("in_position_s")
