"""Accounts security: login sessions that end, expiring named API tokens, password-reset
links, and one spelling per email address.

* ``login_sessions`` (new): one row per login in one browser; the cookies carry its secret,
  the row its SHA-256.  Logging out deletes the row, so a replayed cookie finds nothing.
  Sessions from before this revision carried a user id and no longer log anyone in: every
  user logs in once more.
* ``password_resets`` (new): one-time reset links with an expiry, stored as SHA-256.
* ``api_tokens`` gains ``name`` and ``expires_at``.  Tokens issued before had neither: they
  are named "API token" and expire 30 days after this upgrade runs, so scripts keep working
  for a while and then need a new token.
* ``users.email``: addresses are compared in their NFKC, lower-cased form from now on (so a
  full-width look-alike cannot be a second account); existing rows are rewritten to that
  form.  If two accounts would end up with the same address, the upgrade stops and names
  them: an administrator decides which one to keep (``quizapp user list``), then runs the
  upgrade again.  The two new tables are empty and cannot clash.

Downgrade drops the two tables and the two token columns (sessions and reset links are
lost, so everyone logs in again); emails stay in their normalised form, which the old code
reads as it is.

Revision ID: 8c48717d69ce
Revises: ea2655060239
Create Date: 2026-12-06 04:01:17.203948

"""
import unicodedata
from datetime import UTC, datetime, timedelta

from alembic import op
import sqlalchemy as sa

import quizapp.models.types

# revision identifiers, used by Alembic.
revision = '8c48717d69ce'
down_revision = 'ea2655060239'
branch_labels = None
depends_on = None

LEGACY_TOKEN_DAYS = 30


def upgrade():
    op.create_table('login_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('remember', sa.Boolean(), nullable=False),
    sa.Column('user_agent', sa.String(length=200), nullable=False),
    sa.Column('created_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_login_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_sessions')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_login_sessions_key_hash'))
    )
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_sessions_user_id'), ['user_id'], unique=False)

    op.create_table('password_resets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('expires_at', quizapp.models.types.UTCDateTime(), nullable=False),
    sa.Column('used_at', quizapp.models.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_password_resets_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_resets')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_password_resets_token_hash'))
    )
    with op.batch_alter_table('password_resets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_resets_user_id'), ['user_id'], unique=False)

    # Existing tokens: added as nullable, filled in, then made NOT NULL.
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('expires_at', quizapp.models.types.UTCDateTime(), nullable=True))
    tokens = sa.table(
        'api_tokens',
        sa.column('name', sa.String(length=100)),
        sa.column('expires_at', quizapp.models.types.UTCDateTime()),
    )
    legacy_expiry = datetime.now(UTC) + timedelta(days=LEGACY_TOKEN_DAYS)
    op.execute(tokens.update().values(name='API token', expires_at=legacy_expiry))
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.alter_column('name', existing_type=sa.String(length=100), nullable=False)
        batch_op.alter_column('expires_at', existing_type=quizapp.models.types.UTCDateTime(), nullable=False)

    _normalise_emails()


def _canonical(email):
    """As quizapp.services.accounts.emails.canonical_email on this day (frozen here)."""
    folded = unicodedata.normalize('NFKC', email).strip().lower()
    return unicodedata.normalize('NFKC', folded)


def _normalise_emails():
    connection = op.get_bind()
    users = sa.table('users', sa.column('id', sa.Integer()), sa.column('email', sa.String(254)))
    rows = connection.execute(sa.select(users.c.id, users.c.email).order_by(users.c.id)).all()
    owners = {}
    for user_id, email in rows:
        owners.setdefault(_canonical(email), []).append((user_id, email))
    clashes = {address: found for address, found in owners.items() if len(found) > 1}
    if clashes:
        listing = '; '.join(
            f"{address}: " + ', '.join(f"user {user_id} ({email!r})" for user_id, email in found)
            for address, found in sorted(clashes.items())
        )
        raise RuntimeError(
            'These accounts have the same email once normalised (NFKC, lower case); keep one '
            f'of each, then upgrade again: {listing}'
        )
    for address, ((user_id, email),) in owners.items():
        if email != address:
            connection.execute(users.update().where(users.c.id == user_id).values(email=address))


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('expires_at')
        batch_op.drop_column('name')

    with op.batch_alter_table('password_resets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_resets_user_id'))

    op.drop_table('password_resets')
    with op.batch_alter_table('login_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_sessions_user_id'))

    op.drop_table('login_sessions')
