"""A quiz as evidence for the flashcards: the pure rules, then the submission on both
engines (one review per card per attempt, recall against recognition, suspended, buried,
new and learning cards left alone)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, State
from sqlalchemy import select

from question_bank.types import QUESTION_TYPES, CardScore
from quizapp.extensions import db
from quizapp.models import Card, CardState
from quizapp.services import reviews, scheduling
from quizapp.services.quizzes import evidence
from quizapp.services.quizzes.evidence import RECALL, RECOGNITION, Answer
from tests.quizapp.quiz_helpers import make_set, user
from tests.quizapp.review_helpers import rate, replay_ok, state_of
from tests.quizapp.services.quizzes.helpers import save, save_text, start, submit

# ---------------------------------------------------------------------------- pure rules


def test_each_type_says_what_its_answers_are_evidence_of():
    kinds = {name: cls.evidence for name, cls in QUESTION_TYPES.items() if cls.gradable}
    assert kinds == {
        "multiple_choice": RECOGNITION,
        "multiple_response": RECOGNITION,
        "true_false": RECOGNITION,
        "matching": RECOGNITION,
        "ordering": RECOGNITION,
        "short_answer": RECALL,
        "numerical": RECALL,
        "cloze": RECALL,
    }


@pytest.mark.parametrize(
    ("kind", "score", "rating"),
    [
        (RECALL, 1.0, Rating.Good),
        (RECALL, 0.5, Rating.Hard),
        (RECALL, 0.49, Rating.Again),
        (RECALL, 0.0, Rating.Again),
        (RECOGNITION, 1.0, None),  # picking the right option is no proof of recall
        (RECOGNITION, 0.5, None),
        (RECOGNITION, 0.25, Rating.Again),  # not even recognising it: forgotten
        (RECOGNITION, 0.0, Rating.Again),
    ],
)
def test_what_one_answer_says(kind, score, rating):
    assert evidence.answer_rating(Answer(1, score, kind)) == rating


def test_answers_on_one_card_combine_into_the_worst():
    found = evidence.combine(
        [
            Answer(1, 1.0, RECALL),
            Answer(1, 0.6, RECALL),  # Hard: the worst of card 1
            Answer(2, 1.0, RECOGNITION),  # says nothing: no evidence for card 2
            Answer(3, 1.0, RECALL),
            Answer(3, 0.0, RECOGNITION),  # Again, from recognition only
            Answer(4, 0.0, RECOGNITION),
            Answer(4, 0.0, RECALL),  # Again from recall too: a recall lapse
        ]
    )
    assert sorted((e.card_id, e.rating, e.origin) for e in found) == [
        (1, Rating.Hard, scheduling.QUIZ_RECALL),
        (3, Rating.Again, scheduling.QUIZ_RECOGNITION),
        (4, Rating.Again, scheduling.QUIZ_RECALL),
    ]
    # the order of the answers (the question shuffle) changes nothing
    again_then_good = evidence.combine([Answer(7, 0.0, RECALL), Answer(7, 1.0, RECALL)])
    good_then_again = evidence.combine([Answer(7, 1.0, RECALL), Answer(7, 0.0, RECALL)])
    assert again_then_good == good_then_again


def test_a_question_is_evidence_for_the_cards_its_type_names_else_its_own_card():
    parts = [CardScore("m-1", 1.0, RECOGNITION), CardScore("m-2", 0.0, RECOGNITION)]
    whole = Answer(9, 0.5, RECOGNITION)
    # the set has the pair cards (derived from the questions): each pair on its card
    assert evidence.linked_answers(parts, {"m-1": 1, "m-2": 2}, None) == [
        Answer(1, 1.0, RECOGNITION),
        Answer(2, 0.0, RECOGNITION),
    ]
    assert evidence.linked_answers(parts, {"m-2": 2}, whole) == [Answer(2, 0.0, RECOGNITION)]
    # none of them (a set with cards of its own): the whole question on its linked card
    assert evidence.linked_answers(parts, {}, whole) == [whole]
    assert evidence.linked_answers(parts, {}, None) == []


def test_which_cards_quiz_evidence_may_change():
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)

    def state(**values):
        base = {"reps": 3, "state": int(State.Review), "suspended": False, "buried_until": None}
        return CardState(**{**base, **values})

    assert evidence.applies_to(state(), now)
    assert not evidence.applies_to(None, now)  # never studied: stays new
    assert not evidence.applies_to(state(reps=0), now)  # a row holding only a flag
    assert not evidence.applies_to(state(state=int(State.Relearning)), now)
    assert not evidence.applies_to(state(state=int(State.Learning)), now)
    assert not evidence.applies_to(state(suspended=True), now)
    assert not evidence.applies_to(state(buried_until=now + timedelta(hours=3)), now)
    assert evidence.applies_to(state(buried_until=now - timedelta(hours=1)), now)


# ---------------------------------------------------------------------- at submission


def short(question_id: str, answer: str, card_id: str) -> dict:
    return {
        "id": question_id,
        "type": "short_answer",
        "prompt": f"Recall {question_id}?",
        "category": "actor",
        "accepted": [{"text": answer, "weight": 1}],
        "card_id": card_id,
    }


def choice(question_id: str, card_id: str) -> dict:
    return {
        "id": question_id,
        "type": "multiple_choice",
        "prompt": f"Pick {question_id}?",
        "category": "actor",
        "choices": [
            {"id": "yes", "text": "The right one", "weight": 1},
            {"id": "no", "text": "A wrong one", "weight": 0},
        ],
        "card_id": card_id,
    }


def make_deck_set(app, factories, questions: list[dict], **options) -> int:
    """A set with a flashcard of its own for each ``card_id`` its questions name (several
    questions may test one card), and quiz options as ``make_set`` takes them."""
    from question_bank.sets import Card as BankCard
    from question_bank.sets import QuestionSet as BankSet
    from question_bank.types import question_from_dict
    from quizapp.models import QuestionSet
    from quizapp.services import question_sets
    from tests.quizapp.quiz_helpers import DEFAULT_OPTIONS

    keys = dict.fromkeys(q["card_id"] for q in questions)
    bank = BankSet(
        name="Evidence",
        questions=tuple(question_from_dict(q) for q in questions),
        cards=tuple(BankCard(id=k, front=f"About {k}?", back=k, category="actor") for k in keys),
    )
    with app.app_context():
        set_id = question_sets.save_new_set(
            db.session, bank, owner_id=None, now=factories.clock.now(), public=True
        ).set_id
        question_set = db.session.get(QuestionSet, set_id)
        for key, value in {**DEFAULT_OPTIONS, **options}.items():
            setattr(question_set, key, value)
        db.session.commit()
    return set_id


@pytest.fixture
def quiz(app, factories, clock):
    """A learner who has learnt the cards "bali" and "baghouz" (in review, via the
    flashcards), and a set whose questions test them: two recall questions on "bali",
    a recall and a recognition question on "baghouz", a recognition one on "raqqa"."""
    questions = [
        short("q-bali-1", "Mustafa Bali", "bali"),
        short("q-bali-2", "Bali", "bali"),
        short("q-baghouz", "Baghouz", "baghouz"),
        choice("q-baghouz-mc", "baghouz"),
        choice("q-raqqa", "raqqa"),
    ]
    set_id = make_deck_set(app, factories, questions)
    learner = factories.user()
    with app.app_context():
        cards = {c.key: c.id for c in db.session.execute(select(Card)).scalars()}
    for key in ("bali", "baghouz"):
        rate(app, learner.id, cards[key], 4, clock.now())  # Easy: in review for 8 days
    clock.advance(days=9)  # due
    return learner, set_id, cards


def quiz_logs(session, user_id):
    from quizapp.models import ReviewLog

    return list(
        session.execute(
            select(ReviewLog)
            .where(ReviewLog.user_id == user_id, ReviewLog.origin.in_(scheduling.QUIZ_ORIGINS))
            .order_by(ReviewLog.id)
        ).scalars()
    )


def test_two_questions_on_one_card_write_one_review(app, db_session, quiz, clock):
    learner, set_id, cards = quiz
    student = user(db_session, learner)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q-bali-1", "Mustafa Bali", clock)
    save(db_session, student, attempt_id, "q-bali-2", "I forgot", clock)
    submit(db_session, student, attempt_id, clock)
    logs = quiz_logs(db_session, learner.id)
    assert [(log.card_id, log.rating, log.origin) for log in logs] == [
        (cards["bali"], Rating.Again, scheduling.QUIZ_RECALL)  # the worst of the two
    ]
    bali = state_of(app, learner.id, cards["bali"])
    assert bali["lapses"] == 1 and bali["state"] == State.Relearning
    assert replay_ok(app, learner.id)


def test_a_right_recognition_answer_is_no_review(app, db_session, quiz, clock):
    learner, set_id, cards = quiz
    student = user(db_session, learner)
    before = state_of(app, learner.id, cards["baghouz"])
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save_text(db_session, student, attempt_id, "q-baghouz-mc", "The right one", clock)
    submit(db_session, student, attempt_id, clock)
    assert quiz_logs(db_session, learner.id) == []
    assert state_of(app, learner.id, cards["baghouz"]) == before


def test_a_wrong_recognition_answer_is_a_lapse_not_counted_for_leeches(
    app, db_session, quiz, clock
):
    learner, set_id, cards = quiz
    student = user(db_session, learner)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q-baghouz", "Baghouz", clock)  # recalled...
    save_text(
        db_session, student, attempt_id, "q-baghouz-mc", "A wrong one", clock
    )  # ...not picked
    submit(db_session, student, attempt_id, clock)
    [log] = quiz_logs(db_session, learner.id)
    assert (log.rating, log.origin) == (Rating.Again, scheduling.QUIZ_RECOGNITION)
    after = state_of(app, learner.id, cards["baghouz"])
    assert after["state"] == State.Relearning and after["lapses"] == 0
    assert replay_ok(app, learner.id)


def test_a_right_recall_answer_is_good(app, db_session, quiz, clock):
    learner, set_id, cards = quiz
    student = user(db_session, learner)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q-baghouz", "baghouz", clock)
    submit(db_session, student, attempt_id, clock)
    [log] = quiz_logs(db_session, learner.id)
    assert (log.card_id, log.rating, log.origin) == (
        cards["baghouz"],
        Rating.Good,
        scheduling.QUIZ_RECALL,
    )
    assert log.state_after["days"]["rule"] == "study-days"


@pytest.mark.parametrize("flag", ["suspended", "buried"])
def test_a_quiz_answer_on_a_suspended_or_buried_card_changes_nothing(
    app, db_session, quiz, clock, flag
):
    learner, set_id, cards = quiz
    student = user(db_session, learner)
    if flag == "suspended":
        reviews.set_suspended(
            db_session, student, card_id=cards["bali"], suspended=True, now=clock.now()
        )
    else:
        reviews.set_buried(db_session, student, card_id=cards["bali"], buried=True, now=clock.now())
    before = state_of(app, learner.id, cards["bali"])
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q-bali-1", "nobody", clock)
    save(db_session, student, attempt_id, "q-bali-2", "Bali", clock)
    submit(db_session, student, attempt_id, clock)
    assert quiz_logs(db_session, learner.id) == []
    assert state_of(app, learner.id, cards["bali"]) == before


def test_a_card_first_met_in_a_quiz_stays_new(app, db_session, quiz, clock):
    learner, set_id, cards = quiz
    student = user(db_session, learner)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save_text(db_session, student, attempt_id, "q-raqqa", "A wrong one", clock)
    submit(db_session, student, attempt_id, clock)
    assert state_of(app, learner.id, cards["raqqa"]) is None
    assert quiz_logs(db_session, learner.id) == []
    queue = reviews.build_queue(db_session, student, now=clock.now(), set_id=set_id)
    assert (cards["raqqa"], "new") in [(i.card_id, i.kind) for i in queue.items]


def test_a_card_in_relearning_is_left_to_its_steps(app, db_session, quiz, clock):
    learner, set_id, cards = quiz
    rate(app, learner.id, cards["bali"], 1, clock.now())  # forgotten: relearning, 10 minutes
    student = user(db_session, learner)
    before = state_of(app, learner.id, cards["bali"])
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save(db_session, student, attempt_id, "q-bali-1", "Mustafa Bali", clock)
    submit(db_session, student, attempt_id, clock)
    assert state_of(app, learner.id, cards["bali"]) == before


def test_immediate_feedback_still_gives_one_review_at_submission(app, factories, db_session, clock):
    set_id = make_deck_set(
        app,
        factories,
        [short("q1", "Raqqa", "raqqa"), short("q2", "Raqqa", "raqqa")],
        feedback_mode="immediate",
    )
    learner = factories.user()
    with app.app_context():
        card_id = db.session.execute(select(Card.id)).scalar_one()
    rate(app, learner.id, card_id, 4, clock.now())
    clock.advance(days=3)
    student = user(db_session, learner)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    checked = save(db_session, student, attempt_id, "q1", "Mosul", clock, check=True)
    assert checked.question.locked and checked.question.result.status == "incorrect"
    assert quiz_logs(db_session, learner.id) == []  # not before submission
    save(db_session, student, attempt_id, "q2", "Raqqa", clock)  # right, after the feedback
    submit(db_session, student, attempt_id, clock)
    [log] = quiz_logs(db_session, learner.id)
    assert log.rating == Rating.Again  # the first, wrong answer counts


# ------------------------------------------------------------- matching: a card per pair


def matching(question_id: str, card_id: str | None = None) -> dict:
    data = {
        "id": question_id,
        "type": "matching",
        "prompt": "Match each place with what happened there.",
        "category": "place",
        "pairs": [
            {"item_id": "1", "item": "Baghouz", "option_id": "a", "option": "The last stand"},
            {"item_id": "2", "item": "Kobani", "option_id": "b", "option": "A turning point"},
            {"item_id": "3", "item": "Raqqa", "option_id": "c", "option": "The former capital"},
        ],
    }
    if card_id:
        data["card_id"] = card_id
    return data


def learnt_cards(app, learner_id, clock, *keys) -> dict[str, int]:
    """The set's cards by key; the learner has those of ``keys`` in review, and due."""
    with app.app_context():
        cards = {c.key: c.id for c in db.session.execute(select(Card)).scalars()}
    for key in keys:
        rate(app, learner_id, cards[key], 4, clock.now())
    clock.advance(days=9)
    return cards


def test_a_wrong_matching_pair_is_again_on_that_pairs_card_only(app, factories, db_session, clock):
    """A set whose cards come from its questions: a card per pair (``m-<item id>``).  The
    wrong pair's card is Again (recognition: no leech lapse), the right pair's card rates
    nothing, the unanswered pair's card is no evidence."""
    set_id = make_set(app, factories, [matching("m")])
    learner = factories.user()
    cards = learnt_cards(app, learner.id, clock, "m-1", "m-2", "m-3")
    assert set(cards) == {"m-1", "m-2", "m-3"}
    before = {key: state_of(app, learner.id, cards[key]) for key in cards}
    student = user(db_session, learner)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    answer = {"Baghouz": "The last stand", "Kobani": "The former capital"}  # Raqqa left out
    save_text(db_session, student, attempt_id, "m", answer, clock)
    submit(db_session, student, attempt_id, clock)
    logs = quiz_logs(db_session, learner.id)
    assert [(log.card_id, log.rating, log.origin) for log in logs] == [
        (cards["m-2"], Rating.Again, scheduling.QUIZ_RECOGNITION)
    ]
    kobani = state_of(app, learner.id, cards["m-2"])
    assert kobani["state"] == State.Relearning and kobani["lapses"] == 0
    assert state_of(app, learner.id, cards["m-1"]) == before["m-1"]
    assert state_of(app, learner.id, cards["m-3"]) == before["m-3"]
    assert replay_ok(app, learner.id)


def test_a_pair_card_also_named_by_another_question_gets_one_review(
    app, factories, db_session, clock
):
    """A question naming a pair's card (``card_id``) and that pair in a matching question
    are evidence for one card: both wrong make one review."""
    statement = {
        "id": "q-kobani",
        "type": "true_false",
        "prompt": "Kobani was a turning point.",
        "category": "place",
        "choices": [
            {"id": "true", "text": "True", "weight": 1},
            {"id": "false", "text": "False", "weight": 0},
        ],
        "card_id": "m-2",  # makes no card of its own (true/false): tests the pair's
    }
    set_id = make_set(app, factories, [matching("m"), statement])
    learner = factories.user()
    cards = learnt_cards(app, learner.id, clock, "m-1", "m-2", "m-3")
    student = user(db_session, learner)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save_text(db_session, student, attempt_id, "q-kobani", "False", clock)
    save_text(db_session, student, attempt_id, "m", {"Kobani": "The last stand"}, clock)
    submit(db_session, student, attempt_id, clock)
    logs = quiz_logs(db_session, learner.id)
    assert [(log.card_id, log.rating) for log in logs] == [(cards["m-2"], Rating.Again)]


@pytest.mark.parametrize(
    ("answer", "rating"),
    [
        (  # one pair of three wrong: two thirds right, no evidence
            {
                "Baghouz": "The last stand",
                "Kobani": "The last stand",
                "Raqqa": "The former capital",
            },
            None,
        ),
        ({"Baghouz": "The former capital", "Kobani": "The last stand"}, Rating.Again),
    ],
)
def test_in_a_set_with_its_own_cards_a_matching_question_counts_whole_for_its_card(
    app, factories, db_session, clock, answer, rating
):
    """A set with cards of its own has no pair cards: the matching question is evidence,
    as a whole, for the card its ``card_id`` names (recognition: under half right Again)."""
    set_id = make_deck_set(app, factories, [matching("m", card_id="places")])
    learner = factories.user()
    cards = learnt_cards(app, learner.id, clock, "places")
    assert set(cards) == {"places"}
    student = user(db_session, learner)
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    save_text(db_session, student, attempt_id, "m", answer, clock)
    submit(db_session, student, attempt_id, clock)
    logs = quiz_logs(db_session, learner.id)
    expected = [] if rating is None else [(cards["places"], rating, scheduling.QUIZ_RECOGNITION)]
    assert [(log.card_id, log.rating, log.origin) for log in logs] == expected
