"""The stored order of new cards (``Card.new_rank``): written when a set is saved, kept right
when a new version retires, adds or moves cards, and followed by the queue."""

from __future__ import annotations

from sqlalchemy import select

from question_bank.sets import QuestionSet as BankSet
from question_bank.types import question_from_dict
from quizapp.extensions import db
from quizapp.models import Card, QuestionSet
from quizapp.services import question_sets
from tests.quizapp.review_helpers import card_ids, deck_questions, make_deck, queue_of, set_user


def _ranks(app, set_id: int) -> dict[str, tuple[str | None, int | None]]:
    with app.app_context():
        rows = db.session.execute(
            select(Card.key, Card.category, Card.new_rank).where(Card.set_id == set_id)
        ).all()
    return {key: (category, rank) for key, category, rank in rows}


def _save_version(app, clock, set_id: int, questions) -> None:
    with app.app_context():
        target = db.session.get(QuestionSet, set_id)
        bank = BankSet(
            name=target.name,
            description=target.description,
            questions=tuple(question_from_dict(q) for q in questions),
        )
        question_sets.sync_set(db.session, target, bank, now=clock.now())
        db.session.commit()


def test_a_new_set_ranks_each_card_within_its_category(app, factories):
    set_id = make_deck(factories, 8, grouped=False)  # categories alternate: a b c d a b c d
    ranks = _ranks(app, set_id)
    assert sorted(rank for _, rank in ranks.values()) == [1, 1, 1, 1, 2, 2, 2, 2]
    by_category: dict = {}
    for key in sorted(ranks):  # keys follow the bank's order
        category, rank = ranks[key]
        by_category.setdefault(category, []).append(rank)
    assert all(ranks_ == [1, 2] for ranks_ in by_category.values())


def test_a_new_version_reranks_and_the_queue_follows(app, factories, clock):
    questions = deck_questions(8, grouped=True)  # a a b b c c d d
    set_id = factories.question_set(name="Ranked", questions=questions)
    first = card_ids(app, set_id)
    # The first card is dropped (retired, no rank), a new card of the last category goes
    # first, and the others keep their order.
    added = {**questions[-1], "id": "fact-new", "prompt": "A new fact, first of all."}
    _save_version(app, clock, set_id, [added, *questions[1:]])
    ranks = _ranks(app, set_id)
    assert ranks["fact-00"][1] is None
    assert ranks["fact-01"][1] == 1  # now the first card of its category
    assert ranks["fact-new"][1] == 1 and ranks["fact-06"][1] == 2 and ranks["fact-07"][1] == 3

    user = factories.user()
    set_user(app, user.id, new_cards_per_day=20)
    items, _ = queue_of(app, user.id, clock.now(), set_id)
    with app.app_context():
        keys = dict(db.session.execute(select(Card.id, Card.key)).all())
    order = [keys[card_id] for card_id, _ in items]
    assert order == [
        "fact-new",  # rank 1, position 0
        "fact-01",
        "fact-02",
        "fact-04",
        "fact-03",  # rank 2 ...
        "fact-05",
        "fact-06",
        "fact-07",  # rank 3
    ]
    assert "fact-00" not in order and first[0] not in [card_id for card_id, _ in items]
