"""The order of new cards, stored: ``cards.new_rank`` and the index the queue walks.

``new_rank`` is a card's place (1, 2, ...) among the active cards of its category in its set,
ordered by position; a retired card has none.  The flashcard queue used to compute it with a
window function over the set's cards on every request; now ``question_sets.sync_set`` writes
it whenever a set is saved, and the queue reads new cards in the order of the index
(set_id, new_rank, position), stopping at the daily limit.

The upgrade fills the column for existing cards with one UPDATE (the same window, once);
the downgrade drops the index and the column (nothing is lost: it can be computed again).

Revision ID: 7a3e9c41b8d2
Revises: 7c2e9b4d1a60 (the cloze cards)
Create Date: 2026-12-06 19:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7a3e9c41b8d2'
down_revision = '7c2e9b4d1a60'
branch_labels = None
depends_on = None

FILL = """
UPDATE cards SET new_rank = ranked.new_rank
FROM (
    SELECT id, row_number() OVER (PARTITION BY set_id, category ORDER BY position, id) AS new_rank
    FROM cards WHERE active
) AS ranked
WHERE ranked.id = cards.id
"""


def upgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('new_rank', sa.Integer(), nullable=True))
    op.execute(FILL)
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.create_index(
            'ix_cards_set_new_rank', ['set_id', 'new_rank', 'position'], unique=False
        )


def downgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_index('ix_cards_set_new_rank')
        batch_op.drop_column('new_rank')
