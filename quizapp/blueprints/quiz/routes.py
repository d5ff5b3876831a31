"""Taking quizzes: start, one question per page, save, submit, review, history."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("quiz", __name__, url_prefix="/quiz")
