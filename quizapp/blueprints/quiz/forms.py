"""The quiz forms, and how a posted question page becomes a response and a destination.

Every question partial (``templates/quiz/questions/<type>.html``) names its inputs
``response`` (one value or several) or ``response.<key>`` (one per matching item or cloze
blank) and says which with a hidden ``response_shape``:

* ``one``: a single value (radio buttons, a text or number field, a textarea);
* ``many``: a list (checkboxes);
* ``map``: an object from each ``<key>`` to its value (a dropdown per matching item);
* ``list``: a list indexed by ``<key>`` (the blanks of a cloze).

A page without ``response_shape`` (a description, or a locked question whose fieldset is
disabled) leaves the saved answer alone.  ``quiz.js`` reads the form the same way.
"""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SubmitField

from quizapp.services.quizzes import KEEP, LEARNER_QUIZ_SIZE, LearnerChoice

RESPONSE = "response"
SHAPE = "response_shape"
#: Cloze blanks beyond this index are ignored (no question has that many).
MAX_LIST_ENTRIES = 200


class StartForm(FlaskForm):
    submit = SubmitField("Start the quiz")


#: Marks a start form that carries the learner's choice (a built-in bank's start page).
CHOICE_MARK = "learner_choice"
#: How many categories a choice may name (a bank has a handful).
MAX_CATEGORIES = 50


def learner_choice_from(form: MultiDict[str, str]) -> LearnerChoice | None:
    """The draw a learner chose on a built-in bank's start page (``size``: a number or
    ``all``; ``category``: any number of them), or asked for in a link ("What to study"
    links here with ``?category=``).  None when the form carries no choice; a size that is
    not a number is refused by the service as out of range."""
    if CHOICE_MARK not in form and "category" not in form and "size" not in form:
        return None
    size_text = (form.get("size") or "").strip()
    size: int | None = LEARNER_QUIZ_SIZE
    if size_text == "all":
        size = None
    elif size_text:
        size = int(size_text) if size_text.isdigit() and len(size_text) < 7 else 0
    categories = tuple(dict.fromkeys(c.strip() for c in form.getlist("category") if c.strip()))
    return LearnerChoice(size, categories[:MAX_CATEGORIES])


class AnswerForm(FlaskForm):
    """Only the CSRF token: the answer fields depend on the question (see above)."""


class SubmitForm(FlaskForm):
    submit = SubmitField("Submit my answers")


def response_from_form(form: MultiDict[str, str]) -> Any:
    """The raw response posted by a question page (``KEEP`` when it carries none)."""
    shape = form.get(SHAPE)
    prefix = RESPONSE + "."
    if shape == "one":
        return form.get(RESPONSE)
    if shape == "many":
        return form.getlist(RESPONSE)
    if shape == "map":
        return {key[len(prefix) :]: value for key, value in form.items() if key.startswith(prefix)}
    if shape == "list":
        entries: dict[int, str] = {}
        for key, value in form.items():
            index = key[len(prefix) :]
            if key.startswith(prefix) and index.isdigit() and int(index) < MAX_LIST_ENTRIES:
                entries[int(index)] = value
        if not entries:
            return []
        return [entries.get(i, "") for i in range(max(entries) + 1)]
    return KEEP


def flag_from(go: str | None) -> bool | None:
    """The flag button of the question page: ``flag`` or ``unflag`` (None: leave it)."""
    return {"flag": True, "unflag": False}.get(go or "")


def destination(go: str | None, position: int) -> tuple[int | None, bool]:
    """Where a button of the question page leads: (0-based position or None, to submit page).

    ``prev``/``next`` move by one, a number jumps to that question (1-based), ``submit``
    goes to the submit page, anything else (``check``, ``flag``, ``unflag``, ``save``) stays
    on the page.
    """
    if go == "prev":
        return position - 1, False
    if go == "next":
        return position + 1, False
    if go == "submit":
        return None, True
    if go and go.isdigit() and len(go) < 6:
        return int(go) - 1, False
    return None, False
