"""The review pages' forms.  They carry the raw values; the rules live in the services."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, Optional

from quizapp.services.reviews import time_zones


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


class SettingsForm(FlaskForm):
    desired_retention = StringField(
        "Desired retention",
        description="The chance of recalling a card when it comes back: 0.70 to 0.99 "
        "(0.90 is Anki's default). Higher means more reviews.",
        render_kw={"type": "number", "step": "0.01", "min": "0.70", "max": "0.99"},
    )
    new_cards_per_day = StringField(
        "New cards per day",
        render_kw={"type": "number", "min": "0", "max": "9999", "inputmode": "numeric"},
    )
    max_reviews_per_day = StringField(
        "Maximum reviews per day",
        render_kw={"type": "number", "min": "0", "max": "9999", "inputmode": "numeric"},
    )
    learning_steps = StringField(
        "Learning steps",
        description="Waits between the first looks at a new card, such as 1m 10m.",
    )
    relearning_steps = StringField(
        "Relearning steps",
        description="Waits after you forget a card in review, such as 10m.",
    )
    maximum_interval_days = StringField(
        "Maximum interval (days)",
        render_kw={"type": "number", "min": "1", "max": "36500", "inputmode": "numeric"},
    )
    timezone = SelectField(
        "Time zone",
        description="Your day of study ends at 4 a.m. in this time zone.",
        validate_choice=False,
    )
    submit = SubmitField("Save settings")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.timezone.choices = [(zone, zone) for zone in time_zones()]

    def values(self) -> dict[str, str]:
        return {
            name: (getattr(self, name).data or "").strip()
            for name in (
                "desired_retention",
                "new_cards_per_day",
                "max_reviews_per_day",
                "learning_steps",
                "relearning_steps",
                "maximum_interval_days",
                "timezone",
            )
        }
