"""Which drafter runs: the NLP pipeline when the ``drafting`` extra is installed, else the
hand-written rules (with a note saying what to install)."""

from __future__ import annotations

from question_bank.drafting import nlp
from question_bank.drafting.drafts import draft_by_rules
from question_bank.sets import Card
from question_bank.types import Question


def engine() -> str:
    """ "nlp" or "rules"."""
    return "nlp" if nlp.available() else "rules"


def fallback_note() -> str:
    """What the instructor is told when the rules run instead of the NLP pipeline."""
    if nlp.available():
        return ""
    return (
        "Drafted by simple rules: the NLP drafter needs "
        f"{', '.join(nlp.missing())} ({nlp.INSTALL_HINT})."
    )


def draft_with_cards(
    text: str, *, per_sentence: int | None = 1, per_entity: int | None = 1
) -> list[tuple[Question, Card | None]]:
    """Each draft with the flashcard the drafter made for it, in reading order (``None`` lifts
    a limit).  The NLP pipeline makes a card with each draft (the question's ``card_id``);
    the rules make none (``None``: a set of them takes each question's own card)."""
    if not nlp.available():
        return [(question, None) for question in draft_by_rules(text)]
    from question_bank.drafting.ranked import draft_article

    drafts = draft_article(text, per_sentence=per_sentence, per_entity=per_entity)
    return [(d.question, d.card) for d in drafts]


def draft_questions(
    text: str, *, per_sentence: int | None = 1, per_entity: int | None = 1
) -> list[Question]:
    """Draft questions from a plain-text article, in reading order, each tied to its
    sentence; with the NLP pipeline each has a flashcard (``card_id``, see ``draft_cards``)."""
    limits = {"per_sentence": per_sentence, "per_entity": per_entity}
    return [question for question, _ in draft_with_cards(text, **limits)]


def draft_cards(text: str, **limits: int | None) -> list[Card]:
    """The flashcards of the drafts (the NLP pipeline only; none by rules)."""
    return [card for _, card in draft_with_cards(text, **limits) if card is not None]
