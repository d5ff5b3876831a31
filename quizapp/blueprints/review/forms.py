"""The review pages' forms.  They carry the raw values; the rules live in the services."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Optional

from quizapp.services.reviews import SETTING_BY_NAME, SETTING_FIELDS, time_zones


class AnswerForm(FlaskForm):
    """One rating of the card on screen (the buttons carry ``rating``)."""

    card_id = IntegerField(validators=[InputRequired()])
    rating = IntegerField(validators=[InputRequired()])
    version = IntegerField(validators=[Optional()])
    review_id = HiddenField()
    shown_at = IntegerField(validators=[Optional()])  # epoch ms when the page was made
    scope = HiddenField()  # a set id, or "all"


class CardActionForm(FlaskForm):
    """Suspend, bury or flag (``value`` 1) -- or undo that (``value`` 0)."""

    value = IntegerField(validators=[InputRequired()])
    scope = HiddenField()


class UndoForm(FlaskForm):
    scope = HiddenField()


def _label(name: str) -> str:
    return SETTING_BY_NAME[name].form_label


def _number_input(name: str, **attributes: str) -> dict[str, str]:
    """A number input with the setting's bounds (the service checks them again)."""
    setting = SETTING_BY_NAME[name]
    if setting.kind == "retention":
        bounds = {"step": "0.01", "min": f"{setting.low:.2f}", "max": f"{setting.high:.2f}"}
    else:
        bounds = {"min": str(int(setting.low)), "max": str(int(setting.high))}
    return {"type": "number", **bounds, **attributes}


_RETENTION = SETTING_BY_NAME["desired_retention"]


class SettingsForm(FlaskForm):
    """The fields of ``reviews.SETTINGS``: labels and bounds come from there."""

    desired_retention = StringField(
        _label("desired_retention"),
        description="The chance of recalling a card when it comes back: "
        f"{_RETENTION.low:.2f} to {_RETENTION.high:.2f} (0.90 is Anki's default). "
        "Higher means more reviews: the table below shows how many.",
        render_kw=_number_input("desired_retention"),
    )
    new_cards_per_day = StringField(
        _label("new_cards_per_day"),
        render_kw=_number_input("new_cards_per_day", inputmode="numeric"),
    )
    max_reviews_per_day = StringField(
        _label("max_reviews_per_day"),
        render_kw=_number_input("max_reviews_per_day", inputmode="numeric"),
    )
    learning_steps = StringField(
        _label("learning_steps"),
        description="Waits between the first looks at a new card, such as 1m 10m.",
    )
    relearning_steps = StringField(
        _label("relearning_steps"),
        description="Waits after you forget a card in review, such as 10m.",
    )
    maximum_interval_days = StringField(
        _label("maximum_interval_days"),
        render_kw=_number_input("maximum_interval_days", inputmode="numeric"),
    )
    timezone = SelectField(
        _label("timezone"),
        description="Your day of study ends at 4 a.m. in this time zone.",
        validate_choice=False,
    )
    submit = SubmitField("Save settings")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.timezone.choices = [(zone, zone) for zone in time_zones()]

    def values(self) -> dict[str, str]:
        """What was typed in each setting's field, for ``reviews.update_settings``."""
        return {name: (getattr(self, name).data or "").strip() for name in SETTING_FIELDS}
