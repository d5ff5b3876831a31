"""The home page and the health check."""

from __future__ import annotations

from flask import Blueprint, render_template

from quizapp.extensions import db
from quizapp.services import question_sets

bp = Blueprint("main", __name__)


@bp.get("/")
def index() -> str:
    sets = question_sets.summaries(db.session, question_sets.visible_sets(db.session))
    return render_template("main/index.html", sets=sets)


@bp.get("/healthz")
def healthz() -> tuple[str, int, dict[str, str]]:
    """Touches nothing: the ceiling of this stack, for the benchmark."""
    return "ok", 200, {"Content-Type": "text/plain"}
