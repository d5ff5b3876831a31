"""Cloze flashcards: a card may be a sentence with Anki's deletions (``{{c1::answer}}``).

One column, ``cards.cloze``, the card's cloze text, NULL for a front-and-back card (every
existing card: nothing to compute, a single ALTER on PostgreSQL and a table copy on SQLite).
A cloze card's ``front`` and ``back`` columns still hold its sentence with the gaps and its
answers, so the pages that list cards by their front need no change.  The downgrade drops
the column: the cards stay, as front-and-back cards (their stored dict keeps the cloze text,
which a later upgrade does not read back; sync the set again to restore it).

Revision ID: 7c2e9b4d1a60
Revises: 5d1f0c7b2a94
Create Date: 2026-12-06 18:30:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c2e9b4d1a60'
down_revision = '5d1f0c7b2a94'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cloze', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_column('cloze')
