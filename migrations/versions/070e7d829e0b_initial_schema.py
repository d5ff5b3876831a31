"""Initial schema: users and API tokens, question sets with their questions and cards,
quiz attempts with a snapshot of each question, per-user FSRS card states (indexed on
user and due date), the append-only review log, and courses with their roster and sets.

Revision ID: 070e7d829e0b
Revises: 
Create Date: 2026-11-25 04:27:33.179757

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import quizapp.models.types

# revision identifiers, used by Alembic.
revision = '070e7d829e0b'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('created_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('desired_retention', sa.Double(), nullable=False),
    sa.Column('new_cards_per_day', sa.Integer(), nullable=False),
    sa.Column('max_reviews_per_day', sa.Integer(), nullable=False),
    sa.Column('learning_steps', sa.String(length=100), nullable=False),
    sa.Column('relearning_steps', sa.String(length=100), nullable=False),
    sa.Column('maximum_interval_days', sa.Integer(), nullable=False),
    sa.Column('fsrs_parameters', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('courses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('join_code', sa.String(length=20), nullable=False),
    sa.Column('created_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_courses_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_courses')),
    sa.UniqueConstraint('join_code', name=op.f('uq_courses_join_code'))
    )
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_courses_owner_id'), ['owner_id'], unique=False)

    op.create_table('question_sets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('visibility', sa.String(length=20), nullable=False),
    sa.Column('builtin_key', sa.String(length=50), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('updated_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', quizapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('question_count', sa.Integer(), nullable=True),
    sa.Column('categories', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.Column('shuffle_questions', sa.Boolean(), nullable=False),
    sa.Column('shuffle_choices', sa.Boolean(), nullable=False),
    sa.Column('time_limit_seconds', sa.Integer(), nullable=True),
    sa.Column('feedback_mode', sa.String(length=20), nullable=False),
    sa.Column('attempts_allowed', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_question_sets_owner_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_sets')),
    sa.UniqueConstraint('builtin_key', name=op.f('uq_question_sets_builtin_key'))
    )
    with op.batch_alter_table('question_sets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_sets_owner_id'), ['owner_id'], unique=False)

    op.create_table('attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=True),
    sa.Column('started_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('deadline', quizapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('submitted_at', quizapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('feedback_mode', sa.String(length=20), nullable=False),
    sa.Column('current_position', sa.Integer(), nullable=False),
    sa.Column('score', sa.Double(), nullable=True),
    sa.Column('max_score', sa.Double(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_attempts_course_id_courses'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['set_id'], ['question_sets.id'], name=op.f('fk_attempts_set_id_question_sets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_attempts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempts'))
    )
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attempts_course_id'), ['course_id'], unique=False)
        batch_op.create_index('ix_attempts_user_set', ['user_id', 'set_id'], unique=False)

    op.create_table('cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('front', sa.Text(), nullable=False),
    sa.Column('back', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['set_id'], ['question_sets.id'], name=op.f('fk_cards_set_id_question_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cards')),
    sa.UniqueConstraint('set_id', 'key', name=op.f('uq_cards_set_id_key'))
    )
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.create_index('ix_cards_set_position', ['set_id', 'position'], unique=False)

    op.create_table('course_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('joined_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_members_course_id_courses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_course_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_members')),
    sa.UniqueConstraint('course_id', 'user_id', name=op.f('uq_course_members_course_id_user_id'))
    )
    with op.batch_alter_table('course_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_members_user_id'), ['user_id'], unique=False)

    op.create_table('course_sets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('opens_at', quizapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('closes_at', quizapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('time_limit_seconds', sa.Integer(), nullable=True),
    sa.Column('attempts_allowed', sa.Integer(), nullable=True),
    sa.Column('grading_method', sa.String(length=20), nullable=False),
    sa.Column('shuffle', sa.Boolean(), nullable=False),
    sa.Column('feedback_mode', sa.String(length=20), nullable=False),
    sa.Column('review_show_response', sa.Boolean(), nullable=False),
    sa.Column('review_show_correctness', sa.Boolean(), nullable=False),
    sa.Column('review_show_answer', sa.Boolean(), nullable=False),
    sa.Column('review_show_feedback', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_sets_course_id_courses'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['question_sets.id'], name=op.f('fk_course_sets_set_id_question_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course_sets')),
    sa.UniqueConstraint('course_id', 'set_id', name=op.f('uq_course_sets_course_id_set_id'))
    )
    with op.batch_alter_table('course_sets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_sets_set_id'), ['set_id'], unique=False)

    op.create_table('questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=30), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('card_key', sa.String(length=200), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['set_id'], ['question_sets.id'], name=op.f('fk_questions_set_id_question_sets'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions')),
    sa.UniqueConstraint('set_id', 'key', name=op.f('uq_questions_set_id_key'))
    )
    op.create_table('attempt_questions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('question_key', sa.String(length=200), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=True),
    sa.Column('data', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.Column('response', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.Column('answered_at', quizapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('score', sa.Double(), nullable=True),
    sa.Column('feedback', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempts.id'], name=op.f('fk_attempt_questions_attempt_id_attempts'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_attempt_questions_card_id_cards'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempt_questions')),
    sa.UniqueConstraint('attempt_id', 'position', name=op.f('uq_attempt_questions_attempt_id_position')),
    sa.UniqueConstraint('attempt_id', 'question_key', name=op.f('uq_attempt_questions_attempt_id_question_key'))
    )
    op.create_table('card_states',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.Integer(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=True),
    sa.Column('stability', sa.Double(), nullable=True),
    sa.Column('difficulty', sa.Double(), nullable=True),
    sa.Column('due', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('last_review', quizapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('reps', sa.Integer(), nullable=False),
    sa.Column('lapses', sa.Integer(), nullable=False),
    sa.Column('suspended', sa.Boolean(), nullable=False),
    sa.Column('buried_until', quizapp.models.types.UTCDateTime(), nullable=True),
    sa.Column('flagged', sa.Boolean(), nullable=False),
    sa.Column('leech', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_states_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['set_id'], ['question_sets.id'], name=op.f('fk_card_states_set_id_question_sets'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_card_states_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_states')),
    sa.UniqueConstraint('user_id', 'card_id', name=op.f('uq_card_states_user_id_card_id'))
    )
    with op.batch_alter_table('card_states', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_states_card_id'), ['card_id'], unique=False)
        batch_op.create_index('ix_card_states_user_due', ['user_id', 'due'], unique=False)

    op.create_table('review_logs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('review_id', sa.String(length=64), nullable=True),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('reviewed_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('duration_ms', sa.Integer(), nullable=True),
    sa.Column('origin', sa.String(length=20), nullable=False),
    sa.Column('state_before', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=True),
    sa.Column('state_after', sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), 'postgresql'), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_review_logs_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_review_logs_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_logs')),
    sa.UniqueConstraint('user_id', 'review_id', name=op.f('uq_review_logs_user_id_review_id'))
    )
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.create_index('ix_review_logs_card_reviewed_at', ['card_id', 'reviewed_at'], unique=False)
        batch_op.create_index('ix_review_logs_user_reviewed_at', ['user_id', 'reviewed_at'], unique=False)



def downgrade():
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.drop_index('ix_review_logs_user_reviewed_at')
        batch_op.drop_index('ix_review_logs_card_reviewed_at')

    op.drop_table('review_logs')
    with op.batch_alter_table('card_states', schema=None) as batch_op:
        batch_op.drop_index('ix_card_states_user_due')
        batch_op.drop_index(batch_op.f('ix_card_states_card_id'))

    op.drop_table('card_states')
    op.drop_table('attempt_questions')
    op.drop_table('questions')
    with op.batch_alter_table('course_sets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_sets_set_id'))

    op.drop_table('course_sets')
    with op.batch_alter_table('course_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_members_user_id'))

    op.drop_table('course_members')
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_index('ix_cards_set_position')

    op.drop_table('cards')
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index('ix_attempts_user_set')
        batch_op.drop_index(batch_op.f('ix_attempts_course_id'))

    op.drop_table('attempts')
    with op.batch_alter_table('question_sets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_sets_owner_id'))

    op.drop_table('question_sets')
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_courses_owner_id'))

    op.drop_table('courses')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
    op.drop_table('users')
