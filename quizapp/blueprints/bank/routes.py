"""Browsing a set's questions, and reading the article with its sentences linked."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_login import current_user

from quizapp.extensions import db
from quizapp.services import bank_view

bp = Blueprint("bank", __name__, url_prefix="/bank")


def _viewer():
    return current_user if current_user.is_authenticated else None


@bp.get("/sets/<int:set_id>")
def browse(set_id: int) -> str:
    span = request.args.get("span", type=int)
    view = bank_view.browse(db.session, set_id, _viewer(), span=span)
    return render_template("bank/browse.html", view=view, span=span)


@bp.get("/article")
def article() -> str:
    return render_template("bank/article.html", view=bank_view.article_page(db.session))
