"""The models, one module per aggregate; importing this package registers them all."""

from quizapp.models.attempt import Attempt, AttemptQuestion
from quizapp.models.card_state import CardState
from quizapp.models.course import Course, CourseMember, CourseSet
from quizapp.models.import_draft import ImportDraft
from quizapp.models.media import AttemptMedia, SetMedia, StoredFile
from quizapp.models.question_set import Card, Question, QuestionSet
from quizapp.models.review_log import ReviewLog
from quizapp.models.undo_step import UndoStep
from quizapp.models.user import ApiToken, LoginSession, PasswordReset, Role, User

__all__ = [
    "ApiToken",
    "Attempt",
    "AttemptMedia",
    "AttemptQuestion",
    "Card",
    "CardState",
    "Course",
    "CourseMember",
    "CourseSet",
    "ImportDraft",
    "LoginSession",
    "PasswordReset",
    "Question",
    "QuestionSet",
    "ReviewLog",
    "Role",
    "SetMedia",
    "StoredFile",
    "UndoStep",
    "User",
]
