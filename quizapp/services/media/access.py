"""Who may fetch a stored file: exactly the people who may see a question or card using it.

* a set's people, for the files its current questions and cards use (``set_media``): its
  owner, anyone who may take its quiz or study its cards (public sets; the sets of the
  courses one belongs to or teaches: ``reviews.study_access``, open or closed, since a course
  that keeps a set's flashcards closed still shows its quiz, images included), and anyone at
  all for a public set, whose questions ``/bank`` shows without a login;
* the student who took an attempt, for the files of its snapshot (``attempt_media``), even
  after the set changed or was deleted, and the owner of the course it was taken in, who
  reads that attempt in the reports.

Anyone else gets "not found", as for a file that does not exist, so hashes do not leak.
Deleted sets give nothing through ``set_media``; their attempts still do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from quizapp.models import Attempt, AttemptMedia, Course, QuestionSet, SetMedia, StoredFile, User
from quizapp.models.question_set import PUBLIC
from quizapp.services import reviews
from quizapp.services.errors import NotFound

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
NO_SUCH_FILE = "There is no such file."


@dataclass(frozen=True)
class ServedFile:
    sha256: str
    mime: str
    size: int
    data: bytes


def _sets_allow(session: Session, user: User | None, media_id: int, now: datetime) -> bool:
    sets = session.execute(
        select(QuestionSet.id, QuestionSet.visibility, QuestionSet.owner_id, QuestionSet.deleted_at)
        .join(SetMedia, SetMedia.set_id == QuestionSet.id)
        .where(SetMedia.media_id == media_id, QuestionSet.deleted_at.is_(None))
        .order_by(QuestionSet.id)
    ).all()
    if any(row.visibility == PUBLIC for row in sets):
        return True
    if user is None:
        return False
    return any(
        reviews.study_access(session, user, row, now=now) != reviews.NO_ACCESS for row in sets
    )


def _attempts_allow(session: Session, user: User, media_id: int) -> bool:
    found = session.execute(
        select(AttemptMedia.attempt_id)
        .join(Attempt, Attempt.id == AttemptMedia.attempt_id)
        .outerjoin(Course, Course.id == Attempt.course_id)
        .where(
            AttemptMedia.media_id == media_id,
            or_(Attempt.user_id == user.id, Course.owner_id == user.id),
        )
        .limit(1)
    ).first()
    return found is not None


def may_fetch(session: Session, user: User | None, media_id: int, *, now: datetime) -> bool:
    if _sets_allow(session, user, media_id, now):
        return True
    return user is not None and _attempts_allow(session, user, media_id)


def served_file(session: Session, user: User | None, sha256: str, *, now: datetime) -> ServedFile:
    """The file named by its hash, if ``user`` (None: not logged in) may see it."""
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise NotFound(NO_SUCH_FILE)
    head = session.execute(
        select(StoredFile.id, StoredFile.mime, StoredFile.size).where(StoredFile.sha256 == sha256)
    ).first()
    if head is None or not may_fetch(session, user, head.id, now=now):
        raise NotFound(NO_SUCH_FILE)
    data = session.execute(select(StoredFile.data).where(StoredFile.id == head.id)).scalar_one()
    return ServedFile(sha256=sha256, mime=head.mime, size=head.size, data=data)
