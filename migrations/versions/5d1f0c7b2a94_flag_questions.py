"""Flagged questions: a student marks a question of an attempt to come back to it.

One column, ``attempt_questions.flagged``, a boolean that is false for every existing row
(the server default fills them, so the upgrade is a single ALTER on PostgreSQL and a table
copy on SQLite, with nothing to compute).  The downgrade drops the column: the flags are
lost, nothing else is.

Revision ID: 5d1f0c7b2a94
Revises: 5d3f0c9a1e27
Create Date: 2026-12-06 07:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d1f0c7b2a94'
down_revision = '5d3f0c9a1e27'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempt_questions', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('flagged', sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade():
    with op.batch_alter_table('attempt_questions', schema=None) as batch_op:
        batch_op.drop_column('flagged')
