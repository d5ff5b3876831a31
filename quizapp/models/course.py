"""Courses: an instructor's class, its roster, and the sets attached with their options."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from quizapp.extensions import db
from quizapp.models.types import UTCDateTime


class Course(db.Model):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    join_code: Mapped[str] = mapped_column(String(20), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    members: Mapped[list[CourseMember]] = relationship(cascade="all, delete-orphan")
    sets: Mapped[list[CourseSet]] = relationship(cascade="all, delete-orphan")


class CourseMember(db.Model):
    __tablename__ = "course_members"
    __table_args__ = (UniqueConstraint("course_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CourseSet(db.Model):
    """A set attached to a course, with the options the instructor chose for that course."""

    __tablename__ = "course_sets"
    __table_args__ = (UniqueConstraint("course_id", "set_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    set_id: Mapped[int] = mapped_column(
        ForeignKey("question_sets.id", ondelete="CASCADE"), index=True
    )
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    time_limit_seconds: Mapped[int | None]
    attempts_allowed: Mapped[int | None]
    #: "highest", "average", "first" or "last", as in Moodle.
    grading_method: Mapped[str] = mapped_column(String(20), default="highest")
    shuffle: Mapped[bool] = mapped_column(default=True)
    feedback_mode: Mapped[str] = mapped_column(String(20), default="deferred")
    # Moodle's review options: what a student sees after submitting.
    review_show_response: Mapped[bool] = mapped_column(default=True)
    review_show_correctness: Mapped[bool] = mapped_column(default=True)
    review_show_answer: Mapped[bool] = mapped_column(default=True)
    review_show_feedback: Mapped[bool] = mapped_column(default=True)
    #: Whether the set's flashcards (which show every answer) are open to the course's
    #: students; even when they are, they stay closed while the quiz is open and its review
    #: hides the answers (``services.reviews.access``).
    flashcards_open: Mapped[bool] = mapped_column(default=True)
    #: The day of the exam on this set, if the instructor set one: the class memory report
    #: predicts each fact's recall on that day.
    exam_date: Mapped[date | None] = mapped_column(default=None)
