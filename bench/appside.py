"""What the benchmark does inside the app (in this process, with an app context): load the
article deck, open quiz attempts for the load driver's students, time the due query, save an
imported set.  Everything goes through the project's own services and statements."""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask import Flask

from bench.db import Target


def make_app(target: Target, secret_key: str) -> Flask:
    from quizapp import create_app

    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": target.url,
            "SECRET_KEY": secret_key,
            "RATELIMIT_ENABLED": False,
        }
    )


def dispose(app: Flask) -> None:
    from quizapp.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@dataclass(frozen=True)
class ArticleDeck:
    set_id: int
    card_ids: list[int]
    questions: int


def load_article(app: Flask, now: datetime) -> ArticleDeck:
    """The article deck, by ``quizapp.services.question_sets.load_builtin`` (as
    ``quizapp bank load`` does)."""
    from sqlalchemy import func, select

    from question_bank.article import load_bank
    from quizapp.extensions import db
    from quizapp.models import Card, Question
    from quizapp.services.question_sets import ARTICLE_BANK_KEY, load_builtin

    with app.app_context():
        report = load_builtin(db.session, load_bank(), key=ARTICLE_BANK_KEY, now=now)
        card_ids = list(
            db.session.execute(
                select(Card.id).where(Card.set_id == report.set_id).order_by(Card.position)
            ).scalars()
        )
        questions = db.session.execute(
            select(func.count(Question.id)).where(Question.set_id == report.set_id)
        ).scalar_one()
        db.session.remove()
    return ArticleDeck(set_id=report.set_id, card_ids=card_ids, questions=int(questions))


def hash_password(app: Flask, password: str) -> str:
    """One argon2 hash with the app's production cost, reused for every generated account."""
    from quizapp.services.accounts import HashSettings

    settings = HashSettings(
        time_cost=app.config["PASSWORD_HASH_TIME_COST"],
        memory_kib=app.config["PASSWORD_HASH_MEMORY_KIB"],
    )
    return settings.hasher().hash(password)


@dataclass(frozen=True)
class OpenAttempt:
    user_id: int
    attempt_id: int
    questions: int
    #: (question key, two different choice ids) of the multiple-choice questions.
    choices: list[tuple[str, str, str]]


def open_attempts(app: Flask, user_ids: Sequence[int], set_id: int, seed: int) -> list[OpenAttempt]:
    """An attempt in progress on the article's quiz for each user, by
    ``quizzes.start_attempt`` (the service behind ``POST /api/v1/sets/<id>/attempts``)."""
    from quizapp.extensions import db
    from quizapp.models import User
    from quizapp.services import quizzes

    opened = []
    with app.app_context():
        for user_id in user_ids:
            user = db.session.get(User, user_id)
            started = quizzes.start_attempt(
                db.session,
                user=user,
                set_id=set_id,
                now=datetime.now(UTC),
                rng=random.Random(seed + user_id),
            )
            view = started.attempt
            choices = []
            for question in view.questions:
                data = question.model.to_dict()
                ids = [c["id"] for c in data.get("choices") or []]
                if data.get("type") == "multiple_choice" and len(ids) >= 2:
                    choices.append((question.key, ids[0], ids[1]))
            opened.append(
                OpenAttempt(
                    user_id=user_id,
                    attempt_id=view.id,
                    questions=len(view.questions),
                    choices=choices,
                )
            )
        db.session.remove()
    return opened


def login_cookies(app: Flask, user_ids: Sequence[int]) -> dict[int, str]:
    """A ``Cookie`` header value per user: a login session opened by the accounts service
    and put in Flask's signed session cookie as the login page does (``login_user``), for
    the HTML pages, which take no bearer token."""
    from flask import session as flask_session
    from flask_login import login_user

    from quizapp.extensions import db
    from quizapp.models import User
    from quizapp.services import accounts
    from quizapp.web import session_lifetimes

    cookies = {}
    serializer = app.session_interface.get_signing_serializer(app)  # type: ignore[attr-defined]
    name = app.config["SESSION_COOKIE_NAME"]
    with app.app_context():
        for user_id in user_ids:
            with app.test_request_context("/"):
                user = accounts.start_login_session(
                    db.session,
                    db.session.get(User, user_id),
                    remember=False,
                    now=datetime.now(UTC),
                    lifetimes=session_lifetimes(),
                )
                login_user(user)
                cookies[user_id] = f"{name}={serializer.dumps(dict(flask_session))}"
        db.session.remove()
    return cookies


# ---------------------------------------------------------------------------- due query


@dataclass(frozen=True)
class DueTiming:
    states: int
    users: int
    median_ms: float
    p95_ms: float
    mean_rows: float
    plan: str


def time_due_query(
    url: str, user_ids: Sequence[int], states: int, *, samples: int, seed: int
) -> DueTiming:
    """Median time of the review service's own due SELECT (``reviews.due_query``) for
    ``samples`` students picked among ``user_ids``, executed and fetched through the DBAPI
    cursor: the database's time (and the driver's), not the ORM's.

    Its own engine, without the app's connect hook: on SQLite the bulk loader holds the file
    with the journal off, and the app's hook would try to switch it to WAL."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    from quizapp.services import reviews

    rng = random.Random(seed)
    chosen = [rng.choice(list(user_ids)) for _ in range(samples)]
    timings: list[float] = []
    rows_seen: list[int] = []
    engine = create_engine(url, poolclass=NullPool)
    dialect = engine.dialect
    now = datetime.now(UTC)
    cutoff = _day_end(now)
    try:
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            plan = _plan(connection, dialect.name, reviews, now)
            for warm in (True, False):
                for user_id in chosen:
                    statement = reviews.due_query(user_id, now=now, cutoff=cutoff)
                    compiled = statement.compile(dialect=dialect)
                    values = _positional(compiled, compiled.construct_params(), dialect)
                    cursor = raw.cursor()
                    start = time.perf_counter()
                    cursor.execute(str(compiled), values)
                    fetched = cursor.fetchall()
                    elapsed = time.perf_counter() - start
                    cursor.close()
                    if not warm:
                        timings.append(elapsed * 1000)
                        rows_seen.append(len(fetched))
            raw.rollback()
    finally:
        engine.dispose()
    timings.sort()
    return DueTiming(
        states=states,
        users=len(set(chosen)),
        median_ms=statistics.median(timings),
        p95_ms=timings[max(0, math.ceil(len(timings) * 0.95) - 1)],
        mean_rows=sum(rows_seen) / len(rows_seen),
        plan=plan,
    )


def _day_end(now: datetime) -> datetime:
    from datetime import timedelta

    from quizapp.services.reviews import ROLLOVER_HOUR

    end = now.replace(hour=ROLLOVER_HOUR, minute=0, second=0, microsecond=0)
    return end + timedelta(days=1) if end <= now else end


def _positional(compiled: Any, params: dict[str, Any], dialect: Any) -> Any:
    """Bind values as the DBAPI wants them, through the column types' own processors."""
    processors = compiled._bind_processors
    processed = {
        key: processors[key](value) if key in processors else value for key, value in params.items()
    }
    if compiled.positional:
        return tuple(processed[key] for key in compiled.positiontup)
    return processed


def _plan(connection: Any, engine: str, reviews: Any, now: datetime) -> str:
    from sqlalchemy import text

    statement = reviews.due_query(1, now=now, cutoff=_day_end(now))
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True})
    prefix = "EXPLAIN QUERY PLAN " if engine == "sqlite" else "EXPLAIN "
    rows = connection.execute(text(prefix + str(compiled))).all()
    if engine == "sqlite":
        return "; ".join(str(row[-1]) for row in rows)
    return "; ".join(str(row[0]).strip() for row in rows)
