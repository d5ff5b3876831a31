"""A compact way to write a question bank as data: facts (flashcards) and their questions.

A bank module lists facts; each fact is one flashcard and holds the questions that test it::

    fact(
        "baghouz-last-stronghold", "place",
        "reduced its territory to tents and buildings over just 1.5 square miles in Baghouz",
        mc("q-baghouz-mc", "Where ...?", "Baghouz", "Raqqa", "Mosul", "Susa"),
        short("q-baghouz-sa", "Name the place ...", "Baghouz", "Baghuz"),
        front="Where did ISIS make its last stand in Syria?",
        back="Baghouz",
    )

``mc`` takes the right answer first, then the distractors; ``mr`` the right and the wrong
choices (any choice may be ``(text, feedback)``: what a student who picks it reads); ``tf``
a statement, its truth and what a student who answers wrongly reads (``if_wrong``);
``short`` the accepted spellings, the one to show first; ``num`` a value (and tolerance);
``matching`` (item, option) pairs and distractor options; ``cloze`` a prompt with
``{{1}}``... and each blank's spellings; ``order`` the items in the right order, each with
the quote it stands for.

``build`` turns the facts into ``Card`` and ``Question`` objects.  The quote of a fact is
written as it reads; ``locate`` finds it in the article, where a plain space also matches a
no-break space and straight quotes match curly ones, and the ``Source`` keeps the article's
exact characters and offsets.  A quote that occurs more than once must say which occurrence
it means.  A question shares its fact's category, tags, quote and (unless it has its own)
general feedback, and its ``card_id`` is the fact's id.

Choice, item and option ids are slugs of their texts, so they do not depend on the order in
which choices are shown.  Choices are listed in a natural sort order (numbers by value, text
alphabetically), which never depends on where the right answer was written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from question_bank import grading
from question_bank.sets import Card
from question_bank.types import (
    Accepted,
    Choice,
    Cloze,
    Matching,
    MultipleChoice,
    MultipleResponse,
    Numerical,
    NumericAnswer,
    Ordering,
    OrderItem,
    Pair,
    Question,
    ShortAnswer,
    Source,
    TrueFalse,
)

_LOOSE = {
    " ": "[ \u00a0]",
    "'": "['\u2019\u2018]",
    "\u2019": "['\u2019\u2018]",
    '"': '["\u201c\u201d]',
    "\u201c": '["\u201c\u201d]',
    "\u201d": '["\u201c\u201d]',
}


def locate(text: str, quote: str, occurrence: int | None = None) -> Source:
    """The ``Source`` of ``quote`` in ``text`` (1-based ``occurrence`` when it recurs)."""
    pattern = re.compile("".join(_LOOSE.get(char, re.escape(char)) for char in quote))
    matches = list(pattern.finditer(text))
    if not matches:
        raise ValueError(f"quote not found in the article: {quote!r}")
    if occurrence is None:
        if len(matches) > 1:
            raise ValueError(f"quote occurs {len(matches)} times, say which one: {quote!r}")
        occurrence = 1
    if not 1 <= occurrence <= len(matches):
        raise ValueError(f"quote occurs {len(matches)} time(s), not {occurrence}: {quote!r}")
    match = matches[occurrence - 1]
    return Source(quote=match.group(0), start=match.start(), end=match.end())


def slug(text: str) -> str:
    """``"Egypt’s Sinai Peninsula"`` -> ``"egypts-sinai-peninsula"``; ``"1,190"`` -> ``"1190"``.

    A decimal point is kept (``"1.5"`` -> ``"1.5"``); long texts are cut at a word, 48 at most.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    plain = re.sub(r"(?<=\d)[,.](?=\d)|['\u2019]", lambda m: "_" if m.group() == "." else "", plain)
    words = re.sub(r"[^a-z0-9_]+", "-", plain).replace("_", ".").strip("-")
    if len(words) > 48:
        words = words[:49].rsplit("-", 1)[0]
    return words or "x"


def _natural_key(text: str) -> tuple[Any, ...]:
    number = grading.parse_number(re.sub(r"^(?:more than|some|about)\s+", "", text.lower()))
    if number is not None:
        return (0, number, text)
    return (1, grading.fold(text), text)


def _unique_ids(texts: Sequence[str]) -> list[str]:
    ids: list[str] = []
    for text in texts:
        base = candidate = slug(text)
        counter = 2
        while candidate in ids:
            candidate = f"{base}-{counter}"
            counter += 1
        ids.append(candidate)
    return ids


# ------------------------------------------------------------------------------ specs


@dataclass(frozen=True)
class QuestionSpec:
    """One question before it knows its fact: type, id, prompt and type-specific answers."""

    cls: type[Question]
    id: str
    prompt: str
    answers: dict[str, Any]
    feedback: str = ""
    display: str = ""
    #: A quote of its own, when the question draws on more than its fact's quote.
    quote: str | None = None
    occurrence: int | None = None
    #: Ordering: the quote of each item, in the order of ``answers["items"]``.
    item_quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class FactSpec:
    id: str
    category: str
    quote: str
    front: str
    back: str
    questions: tuple[QuestionSpec, ...]
    tags: tuple[str, ...] = ()
    #: Shown after any of its questions is answered (the question's own feedback wins).
    note: str = ""
    occurrence: int | None = None


def fact(
    fact_id: str,
    category: str,
    quote: str,
    *questions: QuestionSpec,
    front: str,
    back: str,
    tags: Iterable[str] = (),
    note: str = "",
    occurrence: int | None = None,
) -> FactSpec:
    return FactSpec(
        id=fact_id,
        category=category,
        quote=quote,
        front=front,
        back=back,
        questions=tuple(questions),
        tags=tuple(tags),
        note=note,
        occurrence=occurrence,
    )


#: A choice as written in a bank: its text, or its text and the feedback shown to a student
#: who picks it (why it is right, or why it is wrong).
Option = str | tuple[str, str]


def _split(options: Sequence[Option]) -> tuple[list[str], list[str]]:
    """Texts and feedbacks of ``options`` (an empty feedback where none is given)."""
    texts = [o if isinstance(o, str) else o[0] for o in options]
    feedbacks = ["" if isinstance(o, str) else o[1] for o in options]
    return texts, feedbacks


def mc(
    question_id: str,
    prompt: str,
    answer: Option,
    *distractors: Option,
    feedback: str = "",
    quote: str | None = None,
) -> QuestionSpec:
    """Multiple choice: the right answer first, then the distractors (shown sorted); each
    may be ``(text, feedback)``."""
    texts, feedbacks = _split([answer, *distractors])
    ids = _unique_ids(texts)
    choices = [
        Choice(cid, text, 1.0 if i == 0 else 0.0, note)
        for i, (cid, text, note) in enumerate(zip(ids, texts, feedbacks, strict=True))
    ]
    choices.sort(key=lambda c: _natural_key(c.text))
    return QuestionSpec(
        MultipleChoice, question_id, prompt, {"choices": tuple(choices)}, feedback, quote=quote
    )


def mr(
    question_id: str,
    prompt: str,
    right: Sequence[Option],
    wrong: Sequence[Option],
    *,
    feedback: str = "",
    quote: str | None = None,
) -> QuestionSpec:
    """Multiple response: right choices share 100%; each wrong one takes off as much; each
    may be ``(text, feedback)``."""
    texts, feedbacks = _split([*right, *wrong])
    ids = _unique_ids(texts)
    share = 1.0 / len(right)
    choices = [
        Choice(cid, text, share if i < len(right) else -share, note)
        for i, (cid, text, note) in enumerate(zip(ids, texts, feedbacks, strict=True))
    ]
    choices.sort(key=lambda c: _natural_key(c.text))
    return QuestionSpec(
        MultipleResponse, question_id, prompt, {"choices": tuple(choices)}, feedback, quote=quote
    )


def tf(
    question_id: str,
    statement: str,
    answer: bool,
    *,
    feedback: str = "",
    if_wrong: str = "",
    quote: str | None = None,
) -> QuestionSpec:
    """True/false; ``if_wrong`` is shown to a student who picks the wrong button (why the
    statement is, or is not, what the article says)."""
    choices = (
        Choice("true", "True", 1.0 if answer else 0.0, "" if answer else if_wrong),
        Choice("false", "False", 0.0 if answer else 1.0, if_wrong if answer else ""),
    )
    display = "True" if answer else "False"
    return QuestionSpec(
        TrueFalse,
        question_id,
        statement,
        {"choices": choices},
        feedback,
        display=display,
        quote=quote,
    )


def short(
    question_id: str,
    prompt: str,
    answer: str,
    *alternatives: str,
    feedback: str = "",
    quote: str | None = None,
) -> QuestionSpec:
    """Short answer: every listed spelling earns full marks; ``answer`` is the one shown."""
    accepted = tuple(Accepted(text) for text in (answer, *alternatives))
    return QuestionSpec(
        ShortAnswer,
        question_id,
        prompt,
        {"accepted": accepted},
        feedback,
        display=answer,
        quote=quote,
    )


def num(
    question_id: str,
    prompt: str,
    value: float,
    *,
    tolerance: float = 0.0,
    display: str = "",
    feedback: str = "",
    quote: str | None = None,
) -> QuestionSpec:
    answers = (NumericAnswer(float(value), float(tolerance)),)
    return QuestionSpec(
        Numerical, question_id, prompt, {"numeric": answers}, feedback, display, quote=quote
    )


def matching(
    question_id: str,
    prompt: str,
    pairs: Sequence[tuple[str, str]],
    *,
    extra_options: Sequence[str] = (),
    feedback: str = "",
    quote: str | None = None,
) -> QuestionSpec:
    """Items matched with options; ``extra_options`` are options that match no item."""
    item_ids = _unique_ids([item for item, _ in pairs])
    option_texts = list(dict.fromkeys([option for _, option in pairs] + list(extra_options)))
    option_ids = dict(zip(option_texts, _unique_ids(option_texts), strict=True))
    built = [
        Pair(iid, item, option_ids[option], option)
        for iid, (item, option) in zip(item_ids, pairs, strict=True)
    ]
    used = {option for _, option in pairs}
    built += [Pair("", "", option_ids[o], o) for o in extra_options if o not in used]
    return QuestionSpec(
        Matching, question_id, prompt, {"pairs": tuple(built)}, feedback, quote=quote
    )


def cloze(
    question_id: str,
    prompt: str,
    *blanks: str | Sequence[str],
    feedback: str = "",
    quote: str | None = None,
) -> QuestionSpec:
    """Cloze: ``{{1}}``, ``{{2}}``... in the prompt; each blank is a text or its spellings."""
    built = tuple(
        tuple(Accepted(text) for text in ((blank,) if isinstance(blank, str) else blank))
        for blank in blanks
    )
    return QuestionSpec(Cloze, question_id, prompt, {"blanks": built}, feedback, quote=quote)


def order(
    question_id: str,
    prompt: str,
    items: Sequence[tuple[str, str]],
    *,
    grading: str | None = None,
    feedback: str = "",
    quote: str | None = None,
) -> QuestionSpec:
    """Ordering: ``(text, quote)`` for each item, in the right order; each item keeps the
    article's passage it stands for.  Ids are slugs of the texts (never of the places)."""
    texts = [text for text, _ in items]
    answers: dict[str, Any] = {
        "items": tuple(
            OrderItem(iid, text) for iid, text in zip(_unique_ids(texts), texts, strict=True)
        )
    }
    if grading is not None:
        answers["grading"] = grading
    return QuestionSpec(
        Ordering,
        question_id,
        prompt,
        answers,
        feedback,
        quote=quote,
        item_quotes=tuple(q for _, q in items),
    )


# ------------------------------------------------------------------------------ build


@dataclass(frozen=True)
class Built:
    cards: tuple[Card, ...]
    questions: tuple[Question, ...]


def build_question(spec: QuestionSpec, parent: FactSpec, text: str) -> Question:
    if spec.quote is not None:
        source = locate(text, spec.quote, spec.occurrence)
    else:
        source = locate(text, parent.quote, parent.occurrence)
    answers = dict(spec.answers)
    if spec.item_quotes:
        answers["items"] = tuple(
            replace(item, source=locate(text, quote))
            for item, quote in zip(answers["items"], spec.item_quotes, strict=True)
        )
    question = spec.cls(
        id=spec.id,
        prompt=spec.prompt,
        category=parent.category,
        tags=parent.tags,
        general_feedback=spec.feedback or parent.note,
        source=source,
        card_id=parent.id,
        **answers,
    )
    display = spec.display or question.default_answer_display()
    return question.replace(answer_display=display)


def build(facts: Iterable[FactSpec], text: str) -> Built:
    """Cards and questions for ``facts``, their quotes located in ``text``."""
    cards: list[Card] = []
    questions: list[Question] = []
    for spec in facts:
        source = locate(text, spec.quote, spec.occurrence)
        cards.append(
            Card(
                id=spec.id,
                front=spec.front,
                back=spec.back,
                category=spec.category,
                tags=spec.tags,
                source=source,
            )
        )
        questions.extend(build_question(q, spec, text) for q in spec.questions)
    return Built(tuple(cards), tuple(questions))
