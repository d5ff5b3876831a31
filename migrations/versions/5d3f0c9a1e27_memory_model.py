"""The memory model (issue 15): study days, undo as a stack, fitted parameters checked on
held-out reviews, an exam date per course set.

* ``card_states`` gains ``last_day`` (the study day of the card's last review) and
  ``scheduled_days`` (the interval it gave, in days): reviews are counted in study days from
  now on.  Existing rows keep NULL: their next review reads the day their last review falls
  in, and their log entries, which record no days, replay under the rule they were written
  with (whole 24-hour periods).
* ``users`` gains ``timezone_before`` and ``timezone_since``: a change of time zone takes
  effect at the next 4 a.m.; and ``fsrs_fit``, the last fit's held-out figures.
* ``undo_steps`` (new): the bury, suspend and flag actions of the day, for undo.
* ``course_sets`` gains ``exam_date``.

Every new column is nullable (or has a default) and the table is new: nothing existing is
rewritten.  The downgrade drops them (pending undo steps, fit figures and exam dates are
lost; schedules are kept, and the old code reads their due dates as they are).

Revision ID: 5d3f0c9a1e27
Revises: 5b1f0c9e7a42
Create Date: 2026-12-08 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import quizapp.models.types

# revision identifiers, used by Alembic.
revision = '5d3f0c9a1e27'
down_revision = '5b1f0c9e7a42'
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql')


def upgrade():
    with op.batch_alter_table('card_states', schema=None) as batch_op:
        batch_op.add_column(sa.Column('last_day', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('scheduled_days', sa.Integer(), nullable=True))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('timezone_before', sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column('timezone_since', quizapp.models.types.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column('fsrs_fit', JSON, nullable=True))

    with op.batch_alter_table('course_sets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('exam_date', sa.Date(), nullable=True))

    op.create_table('undo_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('before', JSON, nullable=False),
    sa.Column('after_log_id', sa.Integer(), nullable=False),
    sa.Column('done_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_undo_steps_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_undo_steps_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_undo_steps'))
    )
    with op.batch_alter_table('undo_steps', schema=None) as batch_op:
        batch_op.create_index('ix_undo_steps_user_id_id', ['user_id', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('undo_steps', schema=None) as batch_op:
        batch_op.drop_index('ix_undo_steps_user_id_id')
    op.drop_table('undo_steps')

    with op.batch_alter_table('course_sets', schema=None) as batch_op:
        batch_op.drop_column('exam_date')

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('fsrs_fit')
        batch_op.drop_column('timezone_since')
        batch_op.drop_column('timezone_before')

    with op.batch_alter_table('card_states', schema=None) as batch_op:
        batch_op.drop_column('scheduled_days')
        batch_op.drop_column('last_day')
