"""Forms of the instructor's pages.  The rules live in the services; these only read input."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, StopValidation
from wtforms.widgets import CheckboxInput, ListWidget

from question_bank.formats import FORMATS
from quizapp.services.article_drafts import DEFAULT_LIMIT, MAX_LIMIT
from quizapp.services.imports import IMPORT_FORMATS, MAX_SET_NAME
from quizapp.services.quizzes import FEEDBACK_MODES, MAX_ATTEMPTS, MAX_TIME_LIMIT_MINUTES

FORMAT_CHOICES = [SelectChoice("", "Find out from the file")] + [
    SelectChoice(name, FORMATS[name].label) for name in IMPORT_FORMATS
]


class UploadForm(FlaskForm):
    file = FileField(
        "Question file",
        description="GIFT, Aiken, Moodle XML (with its images), CSV, TSV (Quizlet, Anki's "
        "Notes in Plain Text), quizapp JSON, or an Anki package (.apkg); text in UTF-8 or "
        "UTF-16.",
    )
    text = TextAreaField(
        "Or paste the questions",
        description="Used when no file is chosen.",
        render_kw={"rows": 10, "spellcheck": "false"},
    )
    format = SelectField("Format", choices=FORMAT_CHOICES, default="")
    set_name = StringField(
        "Set name",
        validators=[Optional(), Length(max=MAX_SET_NAME)],
        description="Leave empty to use the file's name. Upload again under the same name "
        "to make a new version of your set.",
    )
    public = BooleanField("Publish to every student once saved (otherwise the set is private)")
    submit = SubmitField("Check and preview")


class ConfirmForm(FlaskForm):
    submit = SubmitField("Save these questions")
    #: Sent by the button "Import the N supported questions" of a file with skipped ones.
    include_skipped = HiddenField()


class ColumnsForm(FlaskForm):
    """The roles of a CSV/TSV file's columns; the fields (``role-0``, ``role-1``...) are
    read by name, one per column the file has."""

    submit = SubmitField("Read the file again with these columns")


class DiscardForm(FlaskForm):
    submit = SubmitField("Discard this upload")


class RenameForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=MAX_SET_NAME)])
    submit = SubmitField("Rename")


class VisibilityForm(FlaskForm):
    public = HiddenField()
    submit = SubmitField("Change")


class DeleteForm(FlaskForm):
    submit = SubmitField("Delete the set")


class QuestionForm(FlaskForm):
    text = TextAreaField(
        "The question, in quizapp JSON",
        validators=[DataRequired()],
        render_kw={"rows": 24, "spellcheck": "false"},
    )
    submit = SubmitField("Save the question")


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class QuizOptionsForm(FlaskForm):
    question_count = IntegerField(
        "Questions per attempt",
        validators=[Optional(), NumberRange(min=1)],
        description="Empty: every question.",
    )
    categories = MultiCheckboxField(
        "Categories to draw from", choices=[], description="None ticked: every category."
    )
    shuffle_questions = BooleanField("Shuffle the questions")
    shuffle_choices = BooleanField("Shuffle the choices of each question")
    time_limit_minutes = IntegerField(
        "Time limit (minutes)",
        validators=[Optional(), NumberRange(min=1, max=MAX_TIME_LIMIT_MINUTES)],
        description="Empty: no limit.",
    )
    feedback_mode = SelectField(
        "Show feedback",
        choices=[SelectChoice(mode, label) for mode, label in FEEDBACK_MODES.items()],
        default="deferred",
    )
    attempts_allowed = IntegerField(
        "Attempts allowed",
        validators=[Optional(), NumberRange(min=1, max=MAX_ATTEMPTS)],
        description="Empty: unlimited.",
    )
    submit = SubmitField("Save the options")


class WholeNumberField(IntegerField):
    """An ``IntegerField`` whose message for "two" or "1.5" says what to type instead."""

    def __init__(self, *args, not_a_number: str = "Type a whole number.", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.not_a_number = not_a_number

    def process_formdata(self, valuelist: list) -> None:
        if valuelist and not str(valuelist[0]).strip():
            self.data = None  # empty: for ``Optional()`` to allow or ``InputRequired`` to refuse
            return
        try:
            super().process_formdata(valuelist)
        except ValueError:
            raise ValueError(self.not_a_number) from None

    def pre_validate(self, form) -> None:
        if self.process_errors:  # said once: the range check has no number to check
            raise StopValidation()


def _draft_limit(label: str, description: str) -> WholeNumberField:
    message = f"Type a whole number from 1 to {MAX_LIMIT}, or leave it empty for no limit."
    return WholeNumberField(
        label,
        validators=[Optional(), NumberRange(min=1, max=MAX_LIMIT, message=message)],
        default=DEFAULT_LIMIT,
        description=description,
        not_a_number=message,
        render_kw={"min": 1, "max": MAX_LIMIT, "step": 1, "inputmode": "numeric"},
    )


class DraftArticleForm(FlaskForm):
    """Drafting: the article, the set's name and the limits.  Step two's per-draft fields are
    read by name."""

    text = TextAreaField(
        "The article's text",
        validators=[DataRequired(message="Paste the article's text first.")],
        description="Plain text; drafts are proposed from sentences with dates, figures and names.",
        render_kw={"rows": 14},
    )
    set_name = StringField(
        "Name of the new set",
        validators=[DataRequired(), Length(max=MAX_SET_NAME)],
        default="Drafted questions",
    )
    per_sentence = _draft_limit(
        "Drafts per sentence",
        f"At most this many questions from one sentence (1 to {MAX_LIMIT}). Empty: no limit.",
    )
    per_entity = _draft_limit(
        "Drafts per name, date or figure",
        "At most this many questions about the same person, place, date, number or key term "
        f"(1 to {MAX_LIMIT}). Empty: no limit.",
    )
    submit = SubmitField("Propose questions")
