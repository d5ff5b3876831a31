"""Any instructor's material: images stored once, categories of their own, points, and
uploads that keep their bytes for the preview.

* ``media_files`` (new): each image of a question or card, stored once by the SHA-256 of
  its bytes, with the type sniffed at import and its size.  In the database rather than in
  ``instance/``: an import stays one transaction (no file left behind by a failed one),
  every worker and server reads the same rows, a database backup holds everything.
* ``set_media`` and ``attempt_media`` (new): which sets, and which attempts' snapshots, use
  each file; the media route lets exactly the people who may see one of them fetch it.
* ``questions.media``, ``cards.media``, ``attempt_questions.media`` (new, empty for existing
  rows, which have no files): the files a question's or card's texts name, by name, type and
  SHA-256; the interchange dict in ``data`` stays free of bytes.
* ``questions.category``, ``cards.category``, ``attempt_questions.category``: 20 -> 100
  characters (an instructor's own names, such as "Cell biology/Organelles").  Widening
  keeps every value.
* ``question_sets.category_order`` (new): the order a set's pages list its categories.
  Filled here for existing sets with each category's first appearance (questions, then
  cards); ``quizapp bank load`` writes the order the article bank declares.
* ``attempt_questions.points`` (new, 1 by default): what the question is worth.  Existing
  attempts were scored one point a question, so 1 keeps their scores exactly; snapshots of
  descriptions get 0, as new ones do (the question list reads the type only of questions
  worth 0).
* ``import_drafts.source`` and ``notes`` (new): the uploaded bytes (read again when the
  instructor changes a CSV column's role) and what the preview lists beside the questions
  (skipped questions, warnings, columns).  Existing drafts have neither and preview as
  before.

Downgrade drops the new tables and columns (stored images and points are lost; attempts
keep their scores) and narrows the categories back to 20 characters, which fails on
PostgreSQL if a longer name was stored: shorten those first.

Revision ID: db8186d76b33
Revises: 8c48717d69ce
Create Date: 2026-12-06 05:21:48.607092

"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text
from sqlalchemy.dialects import postgresql

import quizapp.models.types

# revision identifiers, used by Alembic.
revision = "db8186d76b33"
down_revision = "8c48717d69ce"
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=Text()), "postgresql")
CATEGORY_TABLES = ("questions", "cards", "attempt_questions")


def _widen(table: str, old: int, new: int) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.alter_column(
            "category",
            existing_type=sa.String(length=old),
            type_=sa.String(length=new),
            existing_nullable=True,
        )


def _fill_category_order() -> None:
    """Each existing set's categories in their order of first appearance."""
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT set_id, category FROM ("
            " SELECT set_id, category, 0 AS kind, position FROM questions"
            " UNION ALL SELECT set_id, category, 1 AS kind, position FROM cards"
            ") AS used WHERE category IS NOT NULL ORDER BY set_id, kind, position"
        )
    ).all()
    orders: dict[int, list[str]] = {}
    for set_id, category in rows:
        seen = orders.setdefault(set_id, [])
        if category not in seen:
            seen.append(category)
    question_sets = sa.table("question_sets", sa.column("id"), sa.column("category_order", JSON))
    for set_id, order in orders.items():
        connection.execute(
            question_sets.update()
            .where(question_sets.c.id == set_id)
            .values(category_order=order)
        )


def _descriptions_are_worth_nothing() -> None:
    """Snapshots of descriptions (text to read) are worth 0 points, as new ones are."""
    attempt_questions = sa.table(
        "attempt_questions", sa.column("points", sa.Double()), sa.column("data", JSON)
    )
    op.get_bind().execute(
        attempt_questions.update()
        .where(attempt_questions.c.data["type"].as_string() == "description")
        .values(points=0)
    )


def upgrade():
    op.create_table(
        "media_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("mime", sa.String(length=50), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", quizapp.models.types.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_media_files")),
        sa.UniqueConstraint("sha256", name=op.f("uq_media_files_sha256")),
    )
    op.create_table(
        "set_media",
        sa.Column("set_id", sa.Integer(), nullable=False),
        sa.Column("media_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["media_id"], ["media_files.id"], name=op.f("fk_set_media_media_id_media_files")
        ),
        sa.ForeignKeyConstraint(
            ["set_id"],
            ["question_sets.id"],
            name=op.f("fk_set_media_set_id_question_sets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("set_id", "media_id", name=op.f("pk_set_media")),
    )
    op.create_index("ix_set_media_media_id", "set_media", ["media_id"], unique=False)
    op.create_table(
        "attempt_media",
        sa.Column("attempt_id", sa.Integer(), nullable=False),
        sa.Column("media_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attempt_id"],
            ["attempts.id"],
            name=op.f("fk_attempt_media_attempt_id_attempts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["media_id"], ["media_files.id"], name=op.f("fk_attempt_media_media_id_media_files")
        ),
        sa.PrimaryKeyConstraint("attempt_id", "media_id", name=op.f("pk_attempt_media")),
    )
    op.create_index("ix_attempt_media_media_id", "attempt_media", ["media_id"], unique=False)

    for table in CATEGORY_TABLES:
        _widen(table, 20, 100)
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("media", JSON, nullable=True))
    with op.batch_alter_table("attempt_questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("points", sa.Double(), server_default="1", nullable=False))
    with op.batch_alter_table("import_drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("notes", JSON, nullable=True))
    with op.batch_alter_table("question_sets", schema=None) as batch_op:
        batch_op.add_column(sa.Column("category_order", JSON, nullable=True))
    _fill_category_order()
    _descriptions_are_worth_nothing()


def downgrade():
    with op.batch_alter_table("question_sets", schema=None) as batch_op:
        batch_op.drop_column("category_order")
    with op.batch_alter_table("import_drafts", schema=None) as batch_op:
        batch_op.drop_column("notes")
        batch_op.drop_column("source")
    with op.batch_alter_table("attempt_questions", schema=None) as batch_op:
        batch_op.drop_column("points")
    for table in CATEGORY_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("media")
        _widen(table, 100, 20)
    op.drop_index("ix_attempt_media_media_id", table_name="attempt_media")
    op.drop_table("attempt_media")
    op.drop_index("ix_set_media_media_id", table_name="set_media")
    op.drop_table("set_media")
    op.drop_table("media_files")
