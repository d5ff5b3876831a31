"""Read-only views of a bank: its questions by category, and the article they come from."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from question_bank import article
from question_bank.article import CATEGORIES
from question_bank.sourcing import Span, annotate, merge_spans
from question_bank.types import Question as BankQuestion
from quizapp.models import Question, QuestionSet, User
from quizapp.models.question_set import PUBLIC
from quizapp.services.errors import NotFound
from quizapp.services.question_sets import ARTICLE_BANK_KEY


@dataclass(frozen=True)
class QuestionView:
    question: BankQuestion
    span_number: int | None


@dataclass(frozen=True)
class BrowseView:
    question_set: QuestionSet
    groups: list[tuple[str, list[QuestionView]]]
    show_answers: bool
    has_article: bool


@dataclass(frozen=True)
class ArticleView:
    set_id: int
    paragraphs: list
    spans: list[Span]
    prompts: dict[str, str]


def _visible_set(session: Session, set_id: int, viewer: User | None) -> QuestionSet:
    question_set = session.get(QuestionSet, set_id)
    if question_set is None or question_set.deleted_at is not None:
        raise NotFound("There is no such question set.")
    owns = viewer is not None and question_set.owner_id == viewer.id
    if question_set.visibility != PUBLIC and not owns:
        raise NotFound("There is no such question set.")
    return question_set


def _article_spans(rows: list[Question]) -> list[Span]:
    """Every passage the questions quote (an ordering question's items quote their own)."""
    sources = [
        (source.start, source.end, row.key) for row in rows for source in row.to_model().sources()
    ]
    return merge_spans(sources)


def _questions(session: Session, set_id: int) -> list[Question]:
    return list(
        session.execute(
            select(Question).where(Question.set_id == set_id).order_by(Question.position)
        ).scalars()
    )


def may_see_answers(question_set: QuestionSet, viewer: User | None) -> bool:
    """Owners see their answers; instructors see the built-in bank's.  Students never do."""
    if viewer is None:
        return False
    if question_set.owner_id is not None:
        return question_set.owner_id == viewer.id
    return viewer.is_instructor


def browse(
    session: Session, set_id: int, viewer: User | None, *, span: int | None = None
) -> BrowseView:
    """The set's questions grouped by category; ``span`` keeps those quoting one span."""
    question_set = _visible_set(session, set_id, viewer)
    rows = _questions(session, set_id)
    is_article = question_set.builtin_key == ARTICLE_BANK_KEY
    span_of: dict[str, int] = {}
    if is_article:
        for article_span in _article_spans(rows):
            span_of.update(dict.fromkeys(article_span.keys, article_span.number))
    views = [QuestionView(row.to_model(), span_of.get(row.key)) for row in rows]
    if span is not None:
        views = [v for v in views if v.span_number == span]
    order = [*CATEGORIES, None]
    groups = [
        (category or "other", [v for v in views if v.question.category == category])
        for category in order
    ]
    return BrowseView(
        question_set=question_set,
        groups=[(name, items) for name, items in groups if items],
        show_answers=may_see_answers(question_set, viewer),
        has_article=is_article,
    )


def article_page(session: Session) -> ArticleView:
    """The article, with every quoted stretch linked to the questions that quote it."""
    question_set = session.execute(
        select(QuestionSet).where(QuestionSet.builtin_key == ARTICLE_BANK_KEY)
    ).scalar_one_or_none()
    if question_set is None:
        raise NotFound("The article's question bank is not loaded yet (quizapp bank load).")
    rows = _questions(session, question_set.id)
    spans = _article_spans(rows)
    return ArticleView(
        set_id=question_set.id,
        paragraphs=annotate(article.article_text(), spans),
        spans=spans,
        prompts={row.key: row.data.get("prompt", "") for row in rows},
    )
