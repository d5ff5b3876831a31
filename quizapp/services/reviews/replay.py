"""The review log is the truth: a learner's log, and the check that replaying it gives
every card's stored state (``quizapp srs replay-check``; the crash test uses the same
``scheduling.replay``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from quizapp.models import CardState, ReviewLog
from quizapp.services import scheduling


def logs_of(
    session: Session, user_id: int, card_ids: Iterable[int] | None = None
) -> list[ReviewLog]:
    """The user's log (of ``card_ids`` only, if given), oldest first."""
    query = select(ReviewLog).where(ReviewLog.user_id == user_id)
    if card_ids is not None:
        query = query.where(ReviewLog.card_id.in_(list(card_ids)))
    return list(session.execute(query.order_by(ReviewLog.reviewed_at, ReviewLog.id)).scalars())


@dataclass(frozen=True)
class ReplayMismatch:
    user_id: int
    card_id: int
    problems: list[str]


def mismatches(
    states: Mapping[tuple[int, int], CardState],
    logs: Mapping[tuple[int, int], Sequence[ReviewLog]],
) -> list[ReplayMismatch]:
    """Replay each (user, card)'s log and compare it with its state: pure.  A state with no
    log, or a log with no state, is a mismatch too."""
    found = []
    for key in sorted(set(states) | set(logs)):
        state, entries = states.get(key), logs.get(key, [])
        replayed = scheduling.replay(key[1], entries)
        if state is None or replayed is None:
            problem = "a log but no state" if state is None else "a state but no log"
            found.append(ReplayMismatch(key[0], key[1], [problem]))
            continue
        problems = scheduling.replay_differences(state, replayed)
        if problems:
            found.append(ReplayMismatch(key[0], key[1], problems))
    return found


def replay_check(
    session: Session, *, user_id: int | None = None
) -> tuple[int, list[ReplayMismatch]]:
    """Replay every card's log from a new fsrs card and compare with the stored state.
    Returns (cards checked, mismatches)."""
    states_query = select(CardState).where(CardState.reps > 0)
    logs_query = select(ReviewLog).order_by(
        ReviewLog.user_id, ReviewLog.card_id, ReviewLog.reviewed_at, ReviewLog.id
    )
    if user_id is not None:
        states_query = states_query.where(CardState.user_id == user_id)
        logs_query = logs_query.where(ReviewLog.user_id == user_id)
    states = {(s.user_id, s.card_id): s for s in session.execute(states_query).scalars()}
    grouped: dict[tuple[int, int], list[ReviewLog]] = {}
    for log in session.execute(logs_query).scalars():
        grouped.setdefault((log.user_id, log.card_id), []).append(log)
    return len(set(states) | set(grouped)), mismatches(states, grouped)
