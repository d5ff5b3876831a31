"""The review's summary and filters (``quizzes.review_summary``) of attempts with known
answers; what a course's review options hide stays hidden."""

from __future__ import annotations

from quizapp.services import quizzes
from quizapp.services.quizzes import review_summary
from quizapp.services.quizzes.views import ReviewOptions
from tests.quizapp.quiz_helpers import RIGHT_ANSWERS, every_type, make_set, user
from tests.quizapp.services.quizzes.helpers import save_text, start, submit

#: Right: the multiple choice, the true/false and the number; wrong: the short answer; partly
#: right: the multiple response; blank: the matching and the cloze; the essay is not marked.
ANSWERS = {
    **{k: RIGHT_ANSWERS[k] for k in ("q-mc", "q-tf", "q-num", "q-essay")},
    "q-short": "Someone else",
    "q-mr": ["SDF"],
}


def _submitted(app, db_session, factories, clock, *, flags=("q-short", "q-essay")):
    student = user(db_session, factories.user())
    set_id = make_set(app, factories, every_type())
    attempt_id = start(db_session, student, set_id, clock).attempt_id
    for key, response in ANSWERS.items():
        flag = key in flags or None
        save_text(db_session, student, attempt_id, key, response, clock, flag=flag)
    clock.advance(minutes=4, seconds=5)
    return submit(db_session, student, attempt_id, clock)


def test_the_summary_counts_each_status_category_and_flag(app, db_session, factories, clock):
    view = _submitted(app, db_session, factories, clock)
    summary = review_summary.summarise(view)
    assert summary.statuses == (
        ("correct", "Right", 3),
        ("partial", "Partly right", 1),
        ("incorrect", "Wrong", 1),
        ("unanswered", "Not answered", 2),
        ("ungraded", "Not marked automatically", 1),
    )
    assert summary.flagged == 2
    categories = {c.category: (c.questions, c.points) for c in summary.categories}
    expected: dict[str, list[float]] = {}
    for q in every_type():
        if q["type"] in ("essay", "description"):
            continue
        score = {"q-mc": 1, "q-tf": 1, "q-num": 1, "q-mr": 0.5}.get(q["id"], 0)
        expected.setdefault(q["category"], []).append(score)
    assert categories == {name: (len(s), sum(s)) for name, s in expected.items()}
    assert sum(c.questions for c in summary.categories) == view.max_score
    assert sum(c.points for c in summary.categories) == view.score
    assert [q.key for q in summary.questions] == [q.key for q in view.questions]  # "all"


def test_the_filters_keep_wrong_partial_and_flagged_questions(app, db_session, factories, clock):
    view = _submitted(app, db_session, factories, clock)

    def keys(show):
        return [q.key for q in review_summary.summarise(view, show).questions]

    assert keys("wrong") == ["q-short", "q-match", "q-cloze"]  # wrong, and the blank ones
    assert keys("partial") == ["q-mr"]
    assert keys("flagged") == ["q-short", "q-essay"]
    assert keys("nonsense") == keys("all") == [q.key for q in view.questions]
    counts = {f.key: f.count for f in review_summary.summarise(view, "partial").filters}
    assert counts == {"all": 9, "wrong": 3, "partial": 1, "flagged": 2}
    current = [f.key for f in review_summary.summarise(view, "partial").filters if f.current]
    assert current == ["partial"]


def test_hidden_correctness_hides_the_figures_and_the_filters_that_need_it(
    app, db_session, factories, clock
):
    view = _submitted(app, db_session, factories, clock)
    hidden = quizzes.AttemptView(
        **{**view.__dict__, "review": ReviewOptions(show_correctness=False)}
    )
    summary = review_summary.summarise(hidden, "wrong")
    assert summary.statuses == () and summary.categories == ()
    assert [f.key for f in summary.filters] == ["all", "flagged"]
    assert summary.shown.key == "all"  # asked for "wrong": not offered here
