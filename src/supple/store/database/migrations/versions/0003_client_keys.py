"""client keys: what the browser's player sends again after a lost answer is kept once

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 02:20:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# table -> the column a key is unique within
KEYED = {"sessions": "person_id", "sets": "session_id", "side_answers": "session_id"}


def upgrade() -> None:
    for table, within in KEYED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("client_key", sa.String(length=64), nullable=True))
            batch_op.create_index(f"ix_{table}_{within}_client_key", [within, "client_key"], unique=True)


def downgrade() -> None:
    for table, within in KEYED.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f"ix_{table}_{within}_client_key")
            batch_op.drop_column("client_key")
