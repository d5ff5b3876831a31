"""Assessment integrity: a secret per attempt for the ids it shows, and a course's choice of
when its sets' flashcards open.

* ``attempts.ids_key`` (new, 64 hex digits): the attempt shows choice, item and option ids
  under names made from it (HMAC-SHA256), never the ids of the file.  Existing attempts get
  a random key each here, from the database's own strong random source (PostgreSQL's
  ``gen_random_uuid()``, SQLite's ``randomblob()``): from this upgrade on they show the new
  names too.  Their saved responses keep the real ids and need no change.  A page of an
  attempt in progress opened before the upgrade sends the old ids once and is told they
  are not in the question; a reload shows the new ones.
* ``course_sets.flashcards_open`` (new, default true): whether the set's flashcards are open
  to the course's students.  Existing course sets are open, as before; what changes is that
  flashcards now stay closed while the quiz is open and its review hides the answers.

Downgrade drops both columns.

Revision ID: 5b1f0c9e7a42
Revises: db8186d76b33
Create Date: 2026-12-08 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '5b1f0c9e7a42'
down_revision = 'db8186d76b33'
branch_labels = None
depends_on = None

#: 32 random bytes as 64 hex digits, per engine.
RANDOM_KEY = {
    "postgresql": "replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')",
    "sqlite": "lower(hex(randomblob(32)))",
}


def upgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ids_key', sa.String(length=64), nullable=True))
    dialect = op.get_bind().dialect.name
    op.execute(f"UPDATE attempts SET ids_key = {RANDOM_KEY[dialect]}")
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.alter_column('ids_key', existing_type=sa.String(length=64), nullable=False)

    with op.batch_alter_table('course_sets', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('flashcards_open', sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table('course_sets', schema=None) as batch_op:
        batch_op.alter_column('flashcards_open', existing_type=sa.Boolean(), server_default=None)


def downgrade():
    with op.batch_alter_table('course_sets', schema=None) as batch_op:
        batch_op.drop_column('flashcards_open')
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_column('ids_key')
