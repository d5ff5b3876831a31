"""The question page's list of every question of the attempt (the navigator), as HTML.

A 110-question quiz made the template loop over 110 buttons, each with four conditions and
autoescaped attributes: about half of the page's rendering time for a list that is folded
away on long quizzes.  The buttons hold nothing but numbers and fixed words, so they are
joined here, once, from a few prebuilt strings; the markup is the template's as it was (the
same classes, ``data-number`` for quiz.js, ``aria-current`` and the spoken labels).
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from quizapp.services.quizzes import QuestionEntry

_BUTTON = (
    '<li><button type="submit" name="go" value="{n}"\n'
    '              class="qnum{classes}"\n'
    '              data-number="{n}"\n'
    "              {current}\n"
    '              aria-label="Question {n}, {state}{flag}">{n}</button></li>'
)


def question_buttons(questions: Iterable[QuestionEntry], current: int) -> Markup:
    """One ``<li>`` button per question, ``current`` (a 0-based position) marked as the step
    the student is on."""
    items = []
    for other in questions:
        if other.answered:
            classes, state = " answered", "answered"
        elif not other.answerable:
            classes, state = " info", "text to read"
        else:
            classes, state = "", "not answered"
        if other.answered and not other.answerable:
            classes += " info"
        if other.flagged:
            classes += " flagged"
        items.append(
            _BUTTON.format(
                n=other.number,
                classes=classes,
                current='aria-current="step"' if other.position == current else "",
                state=state,
                flag=", flagged" if other.flagged else "",
            )
        )
    return Markup("\n".join(items))
