"""A realistic database, built fast: students, sets, flashcard schedules and their review log.

At ``--scale 1`` (what ``make bench`` builds): 10,000 students and 100 instructors, the
article deck (loaded by the app's own ``load_builtin``) plus generated imported sets for
about 100,000 questions and as many flashcards, about 1,000,000 card states (20 to 180 per
student, 100 on average) and about 3 review-log rows per state.  Everything is generated
from one seed: two runs build the same database.

How it stays fast and still real:

* **Schedules are real FSRS histories.**  A pool of histories is simulated once with the
  app's own scheduler settings (``scheduling.scheduler_from_snapshot`` of a new user's
  defaults): a first review some days ago, then reviews when due (a little late), with a
  realistic mix of ratings, up to now.  Each card state takes one history from the pool, so
  its stored state is the replay of its log, as in the app; only the log's JSON is built
  per row (string concatenation, no ``json.dumps``).
* **Questions are the article's, cloned**: each imported set cycles through the article's
  110 questions (every question type) under new ids, with one flashcard per question.
* **Rows are tuples**, written with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL) in id
  order (see ``bench.db``); one argon2 hash is computed and reused for every account, and
  each student's API token is derived from the seed (``token_for``), so the load driver
  knows it and the database stores only its SHA-256, as the app does.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from fsrs import Card as FsrsCard
from fsrs import Rating, State

from bench.db import IndexSet, Loader

#: Imported set sizes, cycled until the question total is reached (small sets to big ones).
SET_SIZES = (150, 300, 600, 1200, 2500)
BENCH_PASSWORD = "bench-password-1"
STUDENT_EMAIL = "student{n}@bench.example"
INSTRUCTOR_EMAIL = "instructor{n}@bench.example"
#: A new user's scheduler settings (the model's defaults), as ``settings_snapshot`` writes.
DEFAULT_SNAPSHOT: dict[str, Any] = {
    "desired_retention": 0.9,
    "learning_steps": [60.0, 600.0],
    "relearning_steps": [600.0],
    "maximum_interval": 36500,
    "parameters": None,
}


@dataclass(frozen=True)
class Sizes:
    students: int
    instructors: int
    questions: int  # in all, the article's included
    states_per_student: tuple[int, int]  # uniform range; 100 on average
    history_pool: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        if scale <= 0:
            raise ValueError("--scale must be positive")
        return cls(
            students=max(40, round(10_000 * scale)),
            instructors=max(2, round(100 * scale)),
            questions=max(800, round(100_000 * scale)),
            states_per_student=(20, 180),
            history_pool=max(500, min(8_000, round(8_000 * scale))),
        )

    @property
    def expected_states(self) -> int:
        low, high = self.states_per_student
        return self.students * (low + high) // 2

    def stages(self) -> tuple[int, int, int]:
        """Card-state counts at which the due query is timed: 1%, 10% and all (10k, 100k
        and 1M at scale 1)."""
        total = self.expected_states
        return (total // 100, total // 10, total)


def token_for(user_id: int, seed: int) -> str:
    """The API bearer token of a generated account (the database keeps its SHA-256)."""
    return hashlib.blake2b(f"{seed}:{user_id}".encode(), digest_size=18).hexdigest()


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def ts(moment: datetime) -> str:
    """A naive UTC timestamp as SQLAlchemy stores ``DateTime`` on SQLite (always with
    microseconds: SQLite compares the text), and as PostgreSQL reads it."""
    moment = moment.astimezone(UTC)
    return f"{moment:%Y-%m-%d %H:%M:%S}.{moment.microsecond:06d}"


# ------------------------------------------------------------------------ FSRS histories


@dataclass(frozen=True)
class LogTemplate:
    rating: int
    reviewed_at: str
    duration_ms: int
    before_tail: str | None  # the JSON of state_before after its "card_id" (None: new)
    before_state: int | None  # its "state" (None: new)
    after_tail: str


@dataclass(frozen=True)
class History:
    """One card's review history, its final state, ready to be stamped with ids."""

    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None
    reps: int
    lapses: int
    logs: tuple[LogTemplate, ...]
    due_at: datetime = field(compare=False)


def _tail(data: dict[str, Any]) -> str:
    """``{"card_id": X, ...rest}`` is written as ``'{"card_id": ' + str(X) + tail``."""
    rest = {k: v for k, v in data.items() if k != "card_id"}
    return ", " + json.dumps(rest)[1:] if rest else "}"


def _counters(reps: int, lapses: int) -> dict[str, Any]:
    return {"reps": reps, "lapses": lapses, "leech": False, "suspended": False}


def _run_history(
    scheduler: Any,
    picks: list[Rating],
    lateness: list[float],
    durations: list[int],
    start: datetime,
) -> tuple[FsrsCard, list[LogTemplate], int, int]:
    """Review a new card with ``picks`` from ``start``, each review when due (plus its
    lateness); returns the final card, the log templates, reps and lapses."""
    moment = start
    card = FsrsCard(card_id=0, due=moment)
    logs: list[LogTemplate] = []
    reps = lapses = 0
    for number, rating in enumerate(picks):
        if number:
            # The next review: when due, up to 3 days late (minutes when learning).
            late = (
                timedelta(hours=72 * lateness[number])
                if card.state == State.Review
                else timedelta(minutes=30 * lateness[number])
            )
            moment = card.due + late
        before = None
        if reps:
            before = {**card.to_dict(), **_counters(reps, lapses), "buried_until": None}
        was_review = card.state == State.Review
        card, _ = scheduler.review_card(card, rating, moment)
        reps += 1
        if rating == Rating.Again and was_review:
            lapses += 1
        after = {
            **card.to_dict(),
            **_counters(reps, lapses),
            "buried_until": None,
            "scheduler": DEFAULT_SNAPSHOT,
        }
        logs.append(
            LogTemplate(
                rating=int(rating),
                reviewed_at=ts(moment),
                duration_ms=durations[number],
                before_tail=None if before is None else _tail(before),
                before_state=None if before is None else int(before["state"]),
                after_tail=_tail(after),
            )
        )
    return card, logs, reps, lapses


def simulate_histories(count: int, rng: random.Random, now: datetime) -> list[History]:
    """``count`` FSRS histories ending before ``now``, by the app's own scheduler."""
    from quizapp.services.scheduling import scheduler_from_snapshot

    scheduler = scheduler_from_snapshot(DEFAULT_SNAPSHOT)
    ratings = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)
    histories = []
    for _ in range(count):
        wanted = rng.choice((1, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6))
        picks = rng.choices(ratings, weights=(10, 8, 72, 10), k=wanted)
        lateness = [rng.random() for _ in range(wanted)]
        durations = [rng.randint(1500, 20000) for _ in range(wanted)]

        # Simulated once to learn its shape, then again placed so that "now" falls somewhere
        # between the last review and 1.25 intervals after it: about one card in five due.
        # FSRS only sees differences between times, so the second run is the first shifted.
        probe, _, _, _ = _run_history(scheduler, picks, lateness, durations, now)
        assert probe.last_review is not None
        span = probe.last_review - now
        interval = probe.due - probe.last_review
        start = now - span - interval * rng.uniform(0.0, 1.25)
        card, logs, reps, lapses = _run_history(scheduler, picks, lateness, durations, start)
        histories.append(
            History(
                state=int(card.state),
                step=card.step,
                stability=card.stability,
                difficulty=card.difficulty,
                due=ts(card.due),
                last_review=ts(card.last_review) if card.last_review else None,
                reps=reps,
                lapses=lapses,
                logs=tuple(logs),
                due_at=card.due,
            )
        )
    return histories


# ----------------------------------------------------------------------------- the plan


@dataclass
class Plan:
    """Ids and sizes decided before any row is written (both engines get the same plan)."""

    sizes: Sizes
    seed: int
    now: datetime
    first_user_id: int
    first_set_id: int
    first_question_id: int
    first_card_id: int
    article_set_id: int
    article_card_ids: list[int]
    set_sizes: list[int] = field(default_factory=list)
    set_first_card: list[int] = field(default_factory=list)

    @property
    def student_ids(self) -> range:
        return range(self.first_user_id, self.first_user_id + self.sizes.students)

    @property
    def instructor_ids(self) -> range:
        start = self.first_user_id + self.sizes.students
        return range(start, start + self.sizes.instructors)


def make_plan(
    sizes: Sizes,
    *,
    seed: int,
    now: datetime,
    next_ids: dict[str, int],
    article_set_id: int,
    article_card_ids: list[int],
    article_questions: int,
) -> Plan:
    plan = Plan(
        sizes=sizes,
        seed=seed,
        now=now,
        first_user_id=next_ids["users"],
        first_set_id=next_ids["question_sets"],
        first_question_id=next_ids["questions"],
        first_card_id=next_ids["cards"],
        article_set_id=article_set_id,
        article_card_ids=article_card_ids,
    )
    remaining = sizes.questions - article_questions
    card = plan.first_card_id
    index = 0
    while remaining > 0:
        size = min(SET_SIZES[index % len(SET_SIZES)], remaining)
        plan.set_sizes.append(size)
        plan.set_first_card.append(card)
        card += size
        remaining -= size
        index += 1
    return plan


# ------------------------------------------------------------------------------ rows


def user_rows(plan: Plan, password_hash: str) -> Iterator[tuple[Any, ...]]:
    """Students, then instructors, with the app's default study settings."""
    created = ts(plan.now - timedelta(days=200))
    for ids, email, role in (
        (plan.student_ids, STUDENT_EMAIL, "student"),
        (plan.instructor_ids, INSTRUCTOR_EMAIL, "instructor"),
    ):
        for number, user_id in enumerate(ids, start=1):
            yield (
                user_id,
                email.format(n=number),
                password_hash,
                role,
                created,
                "UTC",
                0.9,
                20,
                200,
                "1m 10m",
                "10m",
                36500,
                None,
            )


USER_COLUMNS = (
    "id",
    "email",
    "password_hash",
    "role",
    "created_at",
    "timezone",
    "desired_retention",
    "new_cards_per_day",
    "max_reviews_per_day",
    "learning_steps",
    "relearning_steps",
    "maximum_interval_days",
    "fsrs_parameters",
)


def token_rows(plan: Plan, first_id: int) -> Iterator[tuple[Any, ...]]:
    created = ts(plan.now - timedelta(days=1))
    # The longest lifetime the app gives (365 days): the benchmark's tokens outlive the run.
    expires = ts(plan.now + timedelta(days=364))
    for offset, user_id in enumerate(plan.student_ids):
        digest = token_digest(token_for(user_id, plan.seed))
        yield (first_id + offset, user_id, digest, "bench", created, expires)


TOKEN_COLUMNS = ("id", "user_id", "token_hash", "name", "created_at", "expires_at")

SET_COLUMNS = (
    "id",
    "name",
    "description",
    "owner_id",
    "visibility",
    "builtin_key",
    "version",
    "created_at",
    "updated_at",
    "deleted_at",
    "question_count",
    "categories",
    "shuffle_questions",
    "shuffle_choices",
    "time_limit_seconds",
    "feedback_mode",
    "attempts_allowed",
)


def set_rows(plan: Plan) -> Iterator[tuple[Any, ...]]:
    created = ts(plan.now - timedelta(days=300))
    owners = list(plan.instructor_ids)
    for index, size in enumerate(plan.set_sizes):
        yield (
            plan.first_set_id + index,
            f"Imported set {index + 1} ({size} questions)",
            "Generated for the benchmark from the article's questions.",
            owners[index % len(owners)],
            "public",
            None,
            1,
            created,
            created,
            None,
            None,
            None,
            True,
            True,
            None,
            "deferred",
            None,
        )


QUESTION_COLUMNS = ("id", "set_id", "key", "position", "type", "category", "card_key", "data")
CARD_COLUMNS = (
    "id",
    "set_id",
    "key",
    "position",
    "front",
    "back",
    "category",
    "data",
    "active",
    "new_rank",
)


def _question_templates() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """The article's questions, each with the flashcard it implies (no shared card ids)."""
    from question_bank.article import load_bank

    templates = []
    for question in load_bank().questions:
        alone = replace(question, card_id=None)
        card = alone.card()
        if card is None:
            continue
        templates.append((alone.to_dict(), card.to_dict()))
    return templates


def question_and_card_rows(
    plan: Plan,
) -> tuple[Iterator[tuple[Any, ...]], Callable[[], Iterator[tuple[Any, ...]]]]:
    """Two generators: question rows, and (called after) card rows; one key per pair."""
    templates = _question_templates()

    def questions() -> Iterator[tuple[Any, ...]]:
        question_id = plan.first_question_id
        for index, size in enumerate(plan.set_sizes):
            set_id = plan.first_set_id + index
            for position in range(size):
                data, _ = templates[position % len(templates)]
                key = f"s{index + 1}-q{position + 1}"
                prompt = f"{data['prompt']} [set {index + 1}, question {position + 1}]"
                row = {**data, "id": key, "prompt": prompt}
                yield (
                    question_id,
                    set_id,
                    key,
                    position,
                    data["type"],
                    data.get("category"),
                    None,
                    json.dumps(row),
                )
                question_id += 1

    def cards() -> Iterator[tuple[Any, ...]]:
        for index, size in enumerate(plan.set_sizes):
            set_id = plan.first_set_id + index
            card_id = plan.set_first_card[index]
            seen: dict[Any, int] = {}  # Card.new_rank: the place within its category
            for position in range(size):
                _, data = templates[position % len(templates)]
                seen[data.get("category")] = seen.get(data.get("category"), 0) + 1
                key = f"s{index + 1}-q{position + 1}"
                front = f"{data['front']} [set {index + 1}, question {position + 1}]"
                row = {**data, "id": key, "front": front}
                yield (
                    card_id + position,
                    set_id,
                    key,
                    position,
                    front,
                    data["back"],
                    data.get("category"),
                    json.dumps(row),
                    True,
                    seen[data.get("category")],
                )

    return questions(), cards


STATE_COLUMNS = (
    "id",
    "user_id",
    "card_id",
    "set_id",
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reps",
    "lapses",
    "suspended",
    "buried_until",
    "flagged",
    "leech",
    "version",
)
LOG_COLUMNS = (
    "id",
    "user_id",
    "card_id",
    "review_id",
    "rating",
    "reviewed_at",
    "duration_ms",
    "origin",
    "state_before",
    "state_after",
    "before_state",
)


@dataclass
class Assignment:
    """Which cards each student has a schedule for, and which history each one follows."""

    user_id: int
    cards: list[tuple[int, int]]  # (card_id, set_id)
    histories: list[int]  # index into the pool, one per card


def assignments(plan: Plan, pool_size: int) -> Iterator[Assignment]:
    """Per student: part of the article deck, then the first cards of one or two imported
    sets, as a learner who studies a set from its start would have."""
    rng = random.Random(plan.seed * 7919 + 1)
    low, high = plan.sizes.states_per_student
    article = plan.article_card_ids
    for user_id in plan.student_ids:
        wanted = rng.randint(low, high)
        from_article = min(len(article), rng.randint(wanted // 3, wanted))
        cards = [(card, plan.article_set_id) for card in rng.sample(article, from_article)]
        sets = list(range(len(plan.set_sizes)))
        while len(cards) < wanted and sets:
            index = sets.pop(rng.randrange(len(sets)))
            take = min(plan.set_sizes[index], wanted - len(cards))
            first = plan.set_first_card[index]
            set_id = plan.first_set_id + index
            cards.extend((first + offset, set_id) for offset in range(take))
        histories = [rng.randrange(pool_size) for _ in cards]
        yield Assignment(user_id=user_id, cards=cards, histories=histories)


def state_rows(
    chunk: list[Assignment], histories: list[History], first_id: int
) -> Iterator[tuple[Any, ...]]:
    state_id = first_id
    for item in chunk:
        for (card_id, set_id), index in zip(item.cards, item.histories, strict=True):
            h = histories[index]
            yield (
                state_id,
                item.user_id,
                card_id,
                set_id,
                h.state,
                h.step,
                h.stability,
                h.difficulty,
                h.due,
                h.last_review,
                h.reps,
                h.lapses,
                False,
                None,
                False,
                False,
                h.reps,
            )
            state_id += 1


def log_rows(
    items: list[Assignment], histories: list[History], first_id: int
) -> Iterator[tuple[Any, ...]]:
    log_id = first_id
    for item in items:
        user_id = item.user_id
        for (card_id, _), index in zip(item.cards, item.histories, strict=True):
            head = '{"card_id": ' + str(card_id)
            for number, entry in enumerate(histories[index].logs, start=1):
                yield (
                    log_id,
                    user_id,
                    card_id,
                    f"{card_id}-{number}",
                    entry.rating,
                    entry.reviewed_at,
                    entry.duration_ms,
                    "review",
                    None if entry.before_tail is None else head + entry.before_tail,
                    head + entry.after_tail,
                    entry.before_state,
                )
                log_id += 1


# ------------------------------------------------------------------------------ build


@dataclass
class BuildReport:
    seconds: dict[str, float] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    stage_counts: list[int] = field(default_factory=list)


def build(
    loader: Loader,
    plan: Plan,
    *,
    password_hash: str,
    on_stage: Callable[[int, list[int]], None] | None = None,
    log: Callable[[str], None] = print,
) -> BuildReport:
    """Write every generated row.  ``on_stage(states_loaded, user_ids)`` is called when the
    card states reach each of ``plan.sizes.stages()`` (indexes in place, committed), so the
    due query can be timed at 1%, 10% and 100% of the table."""
    report = BuildReport()

    def timed(name: str, table: str, columns: tuple[str, ...], rows: Any) -> None:
        start = time.perf_counter()
        count = loader.load(table, columns, rows)
        report.seconds[name] = report.seconds.get(name, 0.0) + time.perf_counter() - start
        report.rows[table] = report.rows.get(table, 0) + count

    timed("users", "users", USER_COLUMNS, user_rows(plan, password_hash))
    first_token = _next_id(loader, "api_tokens")
    timed("tokens", "api_tokens", TOKEN_COLUMNS, token_rows(plan, first_token))
    timed("question_sets", "question_sets", SET_COLUMNS, set_rows(plan))
    questions, cards = question_and_card_rows(plan)
    timed("questions", "questions", QUESTION_COLUMNS, questions)
    timed("cards", "cards", CARD_COLUMNS, cards())
    loader.commit()
    log(
        f"  users, tokens, {len(plan.set_sizes)} sets, questions, cards: "
        f"{sum(report.seconds.values()):.1f} s"
    )

    start = time.perf_counter()
    rng = random.Random(plan.seed)
    histories = simulate_histories(plan.sizes.history_pool, rng, plan.now)
    report.seconds["histories"] = time.perf_counter() - start
    log(f"  {len(histories)} FSRS histories simulated: {report.seconds['histories']:.1f} s")

    # Card states in stages (indexes kept: the due query is timed at each stage).
    stages = list(plan.sizes.stages())
    everyone = list(assignments(plan, len(histories)))
    state_id = _next_id(loader, "card_states")
    loaded = 0
    pending: list[Assignment] = []
    users_so_far: list[int] = []
    for position, item in enumerate(everyone):
        pending.append(item)
        users_so_far.append(item.user_id)
        loaded += len(item.cards)
        last = position == len(everyone) - 1
        crossed = len(stages) > 1 and loaded >= stages[0]
        if crossed or last:
            rows = state_rows(pending, histories, state_id)
            timed("card_states", "card_states", STATE_COLUMNS, rows)
            state_id += sum(len(a.cards) for a in pending)
            pending = []
            loader.commit()
            while len(stages) > 1 and loaded >= stages[0]:
                stages.pop(0)
            report.stage_counts.append(loaded)
            if on_stage is not None:
                on_stage(loaded, list(users_so_far))
    log(f"  {loaded} card states: {report.seconds['card_states']:.1f} s")

    # The log: its secondary indexes are rebuilt after the load (several times faster).
    indexes = IndexSet.of(loader, "review_logs")
    indexes.drop(loader)
    first_log = _next_id(loader, "review_logs")
    timed("review_logs", "review_logs", LOG_COLUMNS, log_rows(everyone, histories, first_log))
    start = time.perf_counter()
    indexes.create(loader)
    loader.commit()
    report.seconds["review_log_indexes"] = time.perf_counter() - start
    log(
        f"  {report.rows['review_logs']} review-log rows: {report.seconds['review_logs']:.1f} s "
        f"+ indexes {report.seconds['review_log_indexes']:.1f} s"
    )
    start = time.perf_counter()
    loader.finish()
    report.seconds["finish"] = time.perf_counter() - start
    return report


def _next_id(loader: Loader, table: str) -> int:
    return int(loader.query(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")[0][0])
