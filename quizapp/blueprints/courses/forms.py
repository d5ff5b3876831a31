"""Forms of the course pages.  The rules live in ``services.courses``; these only read input."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from quizapp.formatting import UTC_ZONE, from_naive_local, naive_local, zone_name
from quizapp.services.courses import JOIN_CODE_EXAMPLE, MAX_COURSE_NAME, SetOptions
from quizapp.services.quizzes import (
    FEEDBACK_MODES,
    GRADING_METHODS,
    MAX_ATTEMPTS,
    MAX_TIME_LIMIT_MINUTES,
)

DATE_FORMAT = "%Y-%m-%dT%H:%M"


class CreateCourseForm(FlaskForm):
    name = StringField("Course name", validators=[DataRequired(), Length(max=MAX_COURSE_NAME)])
    submit = SubmitField("Create the course")


class JoinForm(FlaskForm):
    code = StringField(
        "Join code",
        validators=[DataRequired(), Length(max=40)],
        description=f"The code your instructor gave you, such as {JOIN_CODE_EXAMPLE}.",
        render_kw={"autocapitalize": "characters", "spellcheck": "false"},
    )
    submit = SubmitField("Join the course")


class ConfirmJoinForm(FlaskForm):
    code = HiddenField()
    submit = SubmitField("Join the course")


class LeaveForm(FlaskForm):
    submit = SubmitField("Leave the course")


class RemoveStudentForm(FlaskForm):
    submit = SubmitField("Remove")


class DetachForm(FlaskForm):
    submit = SubmitField("Remove from the course")


class SetOptionsForm(FlaskForm):
    """The options of a set in a course.  The dates are typed and shown in the instructor's
    time zone (``in_zone``) and kept in UTC."""

    zone: ZoneInfo = UTC_ZONE

    opens_at = DateTimeLocalField(
        "Opens",
        format=DATE_FORMAT,
        validators=[Optional()],
        description="Empty: open now.",
    )
    closes_at = DateTimeLocalField(
        "Closes",
        format=DATE_FORMAT,
        validators=[Optional()],
        description="Empty: never. An attempt still open then is submitted as it stands.",
    )
    time_limit_minutes = IntegerField(
        "Time limit (minutes)",
        validators=[Optional(), NumberRange(min=1, max=MAX_TIME_LIMIT_MINUTES)],
        description="Empty: no limit.",
    )
    attempts_allowed = IntegerField(
        "Attempts allowed",
        validators=[Optional(), NumberRange(min=1, max=MAX_ATTEMPTS)],
        description="Empty: unlimited.",
    )
    grading_method = SelectField(
        "Grade with several attempts",
        choices=[SelectChoice(key, label) for key, label in GRADING_METHODS.items()],
        default="highest",
    )
    shuffle = BooleanField("Shuffle the questions and their choices", default=True)
    feedback_mode = SelectField(
        "Show feedback",
        choices=[SelectChoice(mode, label) for mode, label in FEEDBACK_MODES.items()],
        default="deferred",
    )
    review_show_response = BooleanField("Their answers", default=True)
    review_show_correctness = BooleanField("Whether each answer was right", default=True)
    review_show_answer = BooleanField("The right answers", default=True)
    review_show_feedback = BooleanField("The feedback and the article's sentence", default=True)
    flashcards_open = BooleanField(
        "Flashcards open to students",
        default=True,
        description="The set's flashcards show every answer. Ticked, they are open, except "
        "while the quiz is open and its review hides the right answers; unticked, they "
        "stay closed.",
    )
    exam_date = DateField(
        "Exam date",
        validators=[Optional()],
        description="Optional: the report predicts, per fact, how much of the class will "
        "recall it that day.",
    )
    submit = SubmitField("Save the options")

    def in_zone(self, zone: ZoneInfo) -> SetOptionsForm:
        """Read and show the dates in ``zone``, named in their labels."""
        self.zone = zone
        for date_field in (self.opens_at, self.closes_at):
            date_field.label.text = f"{date_field.label.text} ({zone_name(zone)} time)"
        return self

    def options(self) -> SetOptions:
        minutes = self.time_limit_minutes.data
        return SetOptions(
            opens_at=from_naive_local(self.opens_at.data, self.zone),
            closes_at=from_naive_local(self.closes_at.data, self.zone),
            time_limit_seconds=minutes * 60 if minutes else None,
            attempts_allowed=self.attempts_allowed.data or None,
            grading_method=self.grading_method.data,
            shuffle=bool(self.shuffle.data),
            feedback_mode=self.feedback_mode.data,
            review_show_response=bool(self.review_show_response.data),
            review_show_correctness=bool(self.review_show_correctness.data),
            review_show_answer=bool(self.review_show_answer.data),
            review_show_feedback=bool(self.review_show_feedback.data),
            flashcards_open=bool(self.flashcards_open.data),
            exam_date=self.exam_date.data,
        )

    def fill(self, options: SetOptions) -> None:
        """Show ``options`` (on a GET)."""
        self.opens_at.data = naive_local(options.opens_at, self.zone)
        self.closes_at.data = naive_local(options.closes_at, self.zone)
        limit = options.time_limit_seconds
        self.time_limit_minutes.data = limit // 60 if limit else None
        self.attempts_allowed.data = options.attempts_allowed
        self.grading_method.data = options.grading_method
        self.shuffle.data = options.shuffle
        self.feedback_mode.data = options.feedback_mode
        self.review_show_response.data = options.review_show_response
        self.review_show_correctness.data = options.review_show_correctness
        self.review_show_answer.data = options.review_show_answer
        self.review_show_feedback.data = options.review_show_feedback
        self.flashcards_open.data = options.flashcards_open
        self.exam_date.data = options.exam_date


class RecallDayForm(FlaskForm):
    """The day a set's report predicts the class's recall on (a GET form: no CSRF)."""

    class Meta:
        csrf = False

    on = DateField("Predict recall on", validators=[Optional()])


class AttachSetForm(SetOptionsForm):
    """A set to attach, with its options.  Which sets may be attached is the service's rule:
    the choices only list them, so a posted id is not checked against them here."""

    set_id = SelectField(
        "Question set", coerce=int, choices=[], validate_choice=False, validators=[InputRequired()]
    )
    submit = SubmitField("Add to the course")
