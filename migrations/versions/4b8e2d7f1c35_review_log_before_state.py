"""The state a card was in before each review, as a column: ``review_logs.before_state``.

Today's limits count what was done today: new cards started (the card had no state before)
and reviews of cards in review (its state before was Review).  The queue and the counts read
that on every flashcard request, from the JSON ``state_before`` of each of today's log
entries: parsing JSON per row was half of the counts' time for a learner with a few hundred
reviews today.  The state before is now a plain integer column (fsrs.State: 1 learning,
2 review, 3 relearning; NULL for a card that was new), written with each log entry, and the
index the counts walk, (user_id, reviewed_at), now carries ``origin`` and ``before_state``
too, so the counts read the index alone.

The upgrade fills the column from ``state_before`` with one UPDATE; the downgrade drops the
column and puts the two-column index back (nothing is lost: the JSON keeps the state).

Revision ID: 4b8e2d7f1c35
Revises: 7a3e9c41b8d2 (new-card rank)
Create Date: 2026-12-06 22:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4b8e2d7f1c35'
down_revision = '7a3e9c41b8d2'
branch_labels = None
depends_on = None

FILL = {
    "postgresql": "UPDATE review_logs SET before_state = (state_before ->> 'state')::integer "
    "WHERE state_before IS NOT NULL AND jsonb_typeof(state_before) = 'object'",
    "sqlite": "UPDATE review_logs SET before_state = "
    "CAST(json_extract(state_before, '$.state') AS INTEGER) "
    "WHERE state_before IS NOT NULL AND json_type(state_before) = 'object'",
}
INDEX = 'ix_review_logs_user_reviewed_at'


def upgrade():
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('before_state', sa.Integer(), nullable=True))
    op.execute(FILL[op.get_bind().dialect.name])
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.drop_index(INDEX)
        batch_op.create_index(
            INDEX, ['user_id', 'reviewed_at', 'origin', 'before_state'], unique=False
        )


def downgrade():
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.drop_index(INDEX)
        batch_op.create_index(INDEX, ['user_id', 'reviewed_at'], unique=False)
        batch_op.drop_column('before_state')
