"""Taking quizzes: start, one question per page, save, submit, review, history.

Routes are thin: they read the form, call one service of ``quizapp.services.quizzes``, and
render or redirect.  Every page works without JavaScript; ``static/quiz.js`` only adds
saving as you answer and a live countdown.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.wrappers import Response

from question_bank.grading import format_number
from question_bank.rendering import plain_text, render_text
from question_bank.types import Question as BankQuestion
from quizapp import charts, formatting
from quizapp.blueprints.quiz import forms, navigator
from quizapp.extensions import db
from quizapp.services import quizzes, reviews
from quizapp.web import new_rng, now

bp = Blueprint("quiz", __name__, url_prefix="/quiz")

TIME_UP_MESSAGE = "Time is up: your attempt was submitted with the answers you had saved."


# --------------------------------------------------------------------------- filters


@bp.app_template_filter("prompt_html")
def prompt_html(question: BankQuestion) -> Markup:
    """The question's text as safe HTML, in its own format (plain, Markdown, HTML...)."""
    return Markup(render_text(question.prompt, question.text_format))


@bp.app_template_filter("segment_text")
def segment_text(text: str, question: BankQuestion) -> str:
    """A piece of a cloze sentence, as plain text (markup cannot be cut at a blank).

    The spaces around it are kept: turning markup into text trims them, and a blank would
    then touch the words beside it."""
    words = plain_text(text, question.text_format)
    before = " " if text[:1].isspace() and not words[:1].isspace() else ""
    after = " " if text[-1:].isspace() and not words[-1:].isspace() else ""
    return f"{before}{words}{after}" if words else (" " if text.isspace() else "")


@bp.app_template_global("quiz_start_url")
def quiz_start_url(view: quizzes.AttemptHead) -> str:
    """The start page an attempt belongs to: its course's when it was taken in a course (a
    course's private set has no start page of its own)."""
    if view.course_id is not None:
        return url_for("courses.take", course_id=view.course_id, set_id=view.set_id)
    return url_for("quiz.start", set_id=view.set_id)


@bp.app_template_filter("points")
def points(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f}".rstrip("0").rstrip(".")


@bp.app_template_filter("clock")
def clock(seconds: int) -> str:
    minutes, seconds = divmod(max(int(seconds), 0), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


@bp.app_template_filter("answer_value")
def answer_value(value: Any) -> str:
    """A saved (or just typed) scalar answer as the text to put back in its field."""
    if value is None:
        return ""
    if isinstance(value, float):
        return format_number(value)
    return str(value)


# ----------------------------------------------------------------------------- pages


def render_start_page(set_id: int, course_id: int | None = None) -> str:
    """The start page of a set, on its own or inside a course (the courses area uses it).
    A built-in bank's shows the draw asked for in the link (``?category=``) chosen."""
    page = quizzes.start_page(
        db.session,
        user=current_user,
        set_id=set_id,
        now=now(),
        course_id=course_id,
        choice=forms.learner_choice_from(request.args),
    )
    return render_template("quiz/start.html", page=page, form=forms.StartForm())


def start_and_redirect(set_id: int, course_id: int | None = None) -> Response | tuple[str, int]:
    """Start (or resume) an attempt and go to its question; the start page again if refused."""
    form = forms.StartForm()
    if not form.validate_on_submit():
        abort(400)
    outcome = quizzes.start_or_page(
        db.session,
        user=current_user,
        set_id=set_id,
        now=now(),
        rng=new_rng(),
        course_id=course_id,
        choice=forms.learner_choice_from(request.form),
    )
    if outcome.page is not None:  # refused: the start page again, with why
        return render_template(
            "quiz/start.html", page=outcome.page, form=form, error=outcome.error
        ), outcome.status
    started = outcome.started
    if started.resumed:
        flash("Welcome back: you are where you left off.", "info")
    return redirect(url_for("quiz.question", attempt_id=started.attempt_id, n=started.position + 1))


@bp.get("/sets/<int:set_id>")
@login_required
def start(set_id: int) -> str:
    return render_start_page(set_id)


@bp.post("/sets/<int:set_id>")
@login_required
def start_post(set_id: int) -> Response | tuple[str, int]:
    return start_and_redirect(set_id)


@bp.get("/attempts/<int:attempt_id>")
@login_required
def resume(attempt_id: int) -> Response:
    view = quizzes.get_attempt(db.session, user=current_user, attempt_id=attempt_id, now=now())
    if view.is_submitted:
        return _to_review(view)
    return redirect(url_for(".question", attempt_id=attempt_id, n=view.current_position + 1))


def _to_review(view: quizzes.AttemptHead) -> Response:
    if view.auto_submitted:
        flash(TIME_UP_MESSAGE, "warning")
    return redirect(url_for(".review", attempt_id=view.id))


def _question_page(
    page: quizzes.QuestionPage, *, error: str | None = None, draft: Any = None
) -> str:
    q = page.question
    value = draft if draft is not None and draft is not quizzes.KEEP else q.response
    return render_template(
        "quiz/question.html",
        view=page,
        q=q,
        value=value,
        error=error,
        form=forms.AnswerForm(),
        question_buttons=navigator.question_buttons(page.questions, q.position),
    )


@bp.get("/attempts/<int:attempt_id>/q/<int:n>")
@login_required
def question(attempt_id: int, n: int) -> str | Response:
    page = quizzes.question_page(
        db.session, user=current_user, attempt_id=attempt_id, position=n - 1, now=now()
    )
    if page.is_submitted:
        return _to_review(page)
    return _question_page(page)


@bp.post("/attempts/<int:attempt_id>/q/<int:n>")
@login_required
def answer(attempt_id: int, n: int) -> Response | tuple[str, int]:
    form = forms.AnswerForm()
    if not form.validate_on_submit():
        abort(400)
    raw = forms.response_from_form(request.form)
    target, to_submit = forms.destination(request.form.get("go"), n - 1)
    try:
        answered = quizzes.answer_from_page(
            db.session,
            user=current_user,
            attempt_id=attempt_id,
            position=n - 1,
            response=raw,
            move_to=target,
            now=now(),
            check=request.form.get("go") == "check",
            flag=forms.flag_from(request.form.get("go")),
        )
    except quizzes.TimeUp as error:
        return render_template(
            "quiz/time_up.html", attempt_id=attempt_id, message=error.message
        ), 400
    if answered.page is not None:  # refused: the page again, with why
        return _question_page(answered.page, error=answered.error, draft=raw), 400
    total = answered.saved.total
    if to_submit or (target is not None and target >= total):
        return redirect(url_for(".submit", attempt_id=attempt_id))
    if target is None or target < 0:
        return redirect(url_for(".question", attempt_id=attempt_id, n=n))
    return redirect(url_for(".question", attempt_id=attempt_id, n=target + 1))


@bp.get("/attempts/<int:attempt_id>/submit")
@login_required
def submit(attempt_id: int) -> str | Response:
    view = quizzes.get_attempt(db.session, user=current_user, attempt_id=attempt_id, now=now())
    if view.is_submitted:
        return _to_review(view)
    return render_template("quiz/submit.html", view=view, form=forms.SubmitForm())


@bp.post("/attempts/<int:attempt_id>/submit")
@login_required
def submit_post(attempt_id: int) -> Response:
    form = forms.SubmitForm()
    if not form.validate_on_submit():
        abort(400)
    quizzes.submit_attempt(db.session, user=current_user, attempt_id=attempt_id, now=now())
    flash("Your answers are submitted. Here is how it went.", "success")
    return redirect(url_for(".review", attempt_id=attempt_id))


@bp.get("/attempts/<int:attempt_id>/review")
@login_required
def review(attempt_id: int) -> str | Response:
    view = quizzes.get_attempt(db.session, user=current_user, attempt_id=attempt_id, now=now())
    if view.auto_submitted:
        flash(TIME_UP_MESSAGE, "warning")
    if not view.is_submitted:
        flash("The review opens once you submit the attempt.", "info")
        return redirect(url_for(".question", attempt_id=attempt_id, n=view.current_position + 1))
    summary = quizzes.review_summary.summarise(view, request.args.get("show"))
    return render_template("quiz/review.html", view=view, summary=summary)


@bp.get("/history")
@login_required
def history() -> str:
    result = quizzes.history(db.session, user=current_user)
    zone = reviews.zone_of(current_user)
    scores = charts.line_chart(
        [
            (
                formatting.day_text(formatting.local_day(a.submitted_at, zone)),
                (a.percent or 0) * 100,
            )
            for a in result.submitted_oldest_first
            if a.submitted_at is not None and a.percent is not None  # marks hidden: left out
        ],
        title="Your quiz scores over time, in percent",
        ident="scores-chart",
    )
    several_sets = len({c.set_id for c in result.categories}) > 1
    categories = charts.bar_chart(
        [
            (f"{c.set_name}: {c.category}" if several_sets else c.category, (c.share or 0.0) * 100)
            for c in result.categories
        ],
        title="Share answered right per category, in percent",
        ident="categories-chart",
    )
    return render_template(
        "quiz/history.html", history=result, scores_chart=scores, categories_chart=categories
    )
