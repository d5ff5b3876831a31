"""The home page and the health check."""

from __future__ import annotations

from flask import Blueprint, render_template, session
from flask_login import current_user

from quizapp.blueprints.auth.routes import NEW_ACCOUNT
from quizapp.extensions import db
from quizapp.services import courses, question_sets
from quizapp.web import now

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> str:
    sets = question_sets.summaries(db.session, question_sets.visible_sets(db.session))
    course_sets = (
        courses.student_course_sets(db.session, current_user, now())
        if current_user.is_authenticated
        else []
    )
    # Set once by sign-up: a new account is welcomed, not welcomed back.
    new_account = bool(session.pop(NEW_ACCOUNT, False))
    return render_template(
        "main/index.html", sets=sets, course_sets=course_sets, new_account=new_account
    )


@bp.get("/healthz")
def healthz() -> tuple[str, int, dict[str, str]]:
    """Touches nothing: the ceiling of this stack, for the benchmark."""
    return "ok", 200, {"Content-Type": "text/plain"}
