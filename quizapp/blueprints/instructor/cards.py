"""Editing a set's flashcards (for its owner; someone else's set is 404).

* ``/instructor/sets/<set>/cards``: the set's cards, front and back as learners see them,
  each with *Edit* and *Delete*, and *Add a card*.
* ``.../cards/new`` and ``.../cards/<card>/edit``: one form for both kinds of card, front
  and back or cloze (``{{c1::answer}}``), checked by the rules of good cards
  (``services.card_editor``); a refused form comes back with each problem beside its field.
* ``.../cards/<card>/delete``: delete a card, after a confirmation.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice

from quizapp.extensions import db
from quizapp.services import card_editor
from quizapp.services.card_editor import CardsTarget
from quizapp.services.errors import ValidationFailed
from quizapp.web import instructor_required, now

bp = Blueprint("cards", __name__, url_prefix="/instructor")


class CardForm(FlaskForm):
    kind = RadioField(
        "Kind of card",
        choices=[
            SelectChoice("basic", "Front and back"),
            SelectChoice("cloze", "Cloze (a sentence with a gap)"),
        ],
        default="basic",
        validate_choice=False,  # the service says what is wrong, beside the field
    )
    front = TextAreaField(
        "Front",
        description="A question or cue that asks for one fact, without options to choose from.",
        render_kw={"rows": 3},
    )
    back = TextAreaField(
        "Back", description="The answer: one fact; a date with its year.", render_kw={"rows": 2}
    )
    cloze = TextAreaField(
        "Cloze text",
        description="A sentence with the fact to recall written {{c1::answer}}, or "
        "{{c1::answer::hint}} to show a hint in the gap.",
        render_kw={"rows": 4},
    )
    extra = TextAreaField(
        "Extra note (cloze)",
        description="Shown under the sentence on the back.",
        render_kw={"rows": 2},
    )
    category = StringField("Category")
    submit = SubmitField("Save the card")


class DeleteCardForm(FlaskForm):
    submit = SubmitField("Delete the card")


def _list_url(target: CardsTarget) -> str:
    return url_for("cards.index", set_id=target.question_set.id)


@bp.get("/sets/<int:set_id>/cards")
@instructor_required
def index(set_id: int) -> str:
    target = card_editor.open_cards(db.session, set_id=set_id, user=current_user)
    rows = [row for row in target.question_set.cards if row.active]
    return render_template("instructor/cards/index.html", target=target, rows=rows)


def _form_page(target: CardsTarget, row_id: int | None):
    original = target.card(row_id) if row_id is not None else None
    if request.method == "GET":
        data = card_editor.values_of(original) if original is not None else None
        form = CardForm(data=data)
        return render_template(
            "instructor/cards/edit.html", target=target, form=form, row_id=row_id
        )
    form = CardForm()
    errors: dict[str, list[str]] = {}
    if not form.validate_on_submit():  # only the CSRF token has a validator
        errors = {"": ["The form expired or was not sent from this page: send it again."]}
    else:
        values = {name: form[name].data for name in card_editor.FIELDS}
        try:
            saved_id, changed = card_editor.save_card(
                db.session, target=target, row_id=row_id, values=values, now=now()
            )
        except card_editor.CardRejected as rejected:
            errors = rejected.errors
        else:
            if not changed:
                flash("Nothing changed: the card is as it was.", "info")
            else:
                flash("The card is saved.", "success")
            return redirect(_list_url(target) + f"#card-{saved_id}")
    for name, messages in errors.items():
        if name in form:
            form[name].errors = list(messages)
    page = render_template(
        "instructor/cards/edit.html",
        target=target,
        form=form,
        row_id=row_id,
        errors=[f"{name}: {m}" if name else m for name, ms in errors.items() for m in ms],
    )
    return page, 400


@bp.route("/sets/<int:set_id>/cards/new", methods=["GET", "POST"])
@instructor_required
def new(set_id: int):
    target = card_editor.open_cards(db.session, set_id=set_id, user=current_user)
    return _form_page(target, None)


@bp.route("/sets/<int:set_id>/cards/<int:card_id>/edit", methods=["GET", "POST"])
@instructor_required
def edit(set_id: int, card_id: int):
    target = card_editor.open_cards(db.session, set_id=set_id, user=current_user)
    return _form_page(target, card_id)


@bp.route("/sets/<int:set_id>/cards/<int:card_id>/delete", methods=["GET", "POST"])
@instructor_required
def delete(set_id: int, card_id: int) -> Response | tuple[str, int]:
    target = card_editor.open_cards(db.session, set_id=set_id, user=current_user)
    card = target.card(card_id)
    form = DeleteCardForm()
    errors: list[str] = []
    if form.validate_on_submit():
        try:
            card_editor.delete_card(db.session, target=target, row_id=card_id, now=now())
        except ValidationFailed as refused:
            errors = [refused.message]
        else:
            flash("The card is deleted. Learners' progress on it is kept.", "success")
            return redirect(_list_url(target))
    elif form.is_submitted():
        errors = ["The form expired or was not sent from this page: send it again."]
    page = render_template(
        "instructor/cards/delete.html",
        target=target,
        card=card,
        card_id=card_id,
        form=form,
        errors=errors,
    )
    return page, 400 if errors else 200
