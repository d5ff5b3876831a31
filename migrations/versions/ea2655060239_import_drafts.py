"""Import drafts: uploaded question files waiting for their owner's confirmation.

An instructor's upload is parsed and checked first, then kept in ``import_drafts`` (the
questions as the interchange JSON, not the raw file) while the instructor reads the preview.
Confirming copies the questions into the set tables in one transaction and keeps only the
outcome, so a second confirmation is refused; drafts expire after a day and later uploads
purge them (``ix_import_drafts_expires_at``).  The table is new: nothing existing changes,
and the downgrade simply drops it (pending drafts are lost, saved sets are not touched).

Revision ID: ea2655060239
Revises: 070e7d829e0b
Create Date: 2026-11-25 04:35:50.741563

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import quizapp.models.types

# revision identifiers, used by Alembic.
revision = 'ea2655060239'
down_revision = '070e7d829e0b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('import_drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('question_count', sa.Integer(), nullable=False),
    sa.Column('created_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('confirmed_at', quizapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('outcome', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_import_drafts_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_drafts')),
    sa.UniqueConstraint('token', name=op.f('uq_import_drafts_token'))
    )
    with op.batch_alter_table('import_drafts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_import_drafts_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_import_drafts_owner_id'), ['owner_id'], unique=False)


def downgrade():
    with op.batch_alter_table('import_drafts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_import_drafts_owner_id'))
        batch_op.drop_index(batch_op.f('ix_import_drafts_expires_at'))

    op.drop_table('import_drafts')
