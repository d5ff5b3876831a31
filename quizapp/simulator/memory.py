"""The simulated learner's true memory: what the scheduler tries to predict.

Pure: values in, values out; the random draws come from the caller's generator.

The learner forgets as FSRS-6 says a person forgets (the published model: a power forgetting
curve, stability that grows on recall and drops on a lapse), with FSRS's default parameters,
but in **continuous time**: a card seen 11 hours ago has been remembered for 0.46 days,
whatever the clock says about days.  Two retrievals with no night between them (the same
study day: no 4 a.m. passed in the learner's zone) change the memory by FSRS-6's short-term
rule, as in the data FSRS was fitted on; after a night, by the long-term rule, with the
recall probability of the exact time elapsed.

The scheduler under test sees only the learner's ratings and the clock; whether it counts
days well shows in how often the learner actually recalls a card when it comes back
(``recall``), against the retention the learner asked for.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from fsrs.scheduler import DEFAULT_PARAMETERS

from quizapp.services.reviews.days import local_day

#: Ratings, as fsrs numbers them.
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
#: How a learner who recalls a card rates it (Hard, Good, Easy), and how they rate a card on
#: its very first look (Again, Hard, Good, Easy): the FSRS simulator's default shares.
RECALLED_SHARES = (0.224, 0.631, 0.145)
FIRST_LOOK_SHARES = (0.24, 0.094, 0.495, 0.171)
DAY_SECONDS = 86400.0


@dataclass
class Trace:
    """One card's memory trace: stability (days until recall falls to 90%), difficulty
    (1 to 10) and when it was last retrieved."""

    stability: float
    difficulty: float
    last: datetime


class TrueMemory:
    """The learner's memory of every card, by card id."""

    def __init__(
        self, zone: ZoneInfo, parameters: tuple[float, ...] = tuple(DEFAULT_PARAMETERS)
    ) -> None:
        self.zone = zone
        self.w = parameters
        self.decay = -parameters[20]
        self.factor = 0.9 ** (1 / self.decay) - 1
        self.traces: dict[int, Trace] = {}

    # -- the forgetting curve ---------------------------------------------------------------

    def recall(self, card_id: int, at: datetime) -> float:
        """The probability that the learner recalls the card at ``at`` (0 if never seen)."""
        trace = self.traces.get(card_id)
        if trace is None:
            return 0.0
        return self._curve(trace, at)

    def _curve(self, trace: Trace, at: datetime) -> float:
        elapsed = max((at - trace.last).total_seconds(), 0.0) / DAY_SECONDS
        return (1 + self.factor * elapsed / trace.stability) ** self.decay

    # -- how a retrieval changes the trace ----------------------------------------------------

    def _initial_difficulty(self, rating: int) -> float:
        return self.w[4] - math.exp(self.w[5] * (rating - 1)) + 1

    def _next_difficulty(self, difficulty: float, rating: int) -> float:
        change = -self.w[6] * (rating - 3)
        damped = difficulty + change * (10 - difficulty) / 9
        target = self._initial_difficulty(EASY)
        return min(max(self.w[7] * target + (1 - self.w[7]) * damped, 1.0), 10.0)

    def retrieve(self, card_id: int, at: datetime, rating: int) -> None:
        """The learner retrieved the card at ``at`` with this outcome (Again: forgotten, then
        shown the answer; Hard, Good, Easy: recalled with that ease)."""
        trace = self.traces.get(card_id)
        if trace is None:
            stability = max(self.w[rating - 1], 0.001)
            difficulty = min(max(self._initial_difficulty(rating), 1.0), 10.0)
            self.traces[card_id] = Trace(stability, difficulty, at)
            return
        if local_day(at, self.zone) == local_day(trace.last, self.zone):
            growth = math.exp(self.w[17] * (rating - 3 + self.w[18])) * trace.stability ** (
                -self.w[19]
            )
            if rating > AGAIN:
                growth = max(growth, 1.0)
            stability = trace.stability * growth
        else:
            recall = self._curve(trace, at)
            stability = (
                self._after_recall(trace, recall, rating)
                if rating > AGAIN
                else self._after_lapse(trace, recall)
            )
        trace.difficulty = self._next_difficulty(trace.difficulty, rating)
        trace.stability = max(stability, 0.001)
        trace.last = at

    def _after_recall(self, trace: Trace, recall: float, rating: int) -> float:
        w, s, d = self.w, trace.stability, trace.difficulty
        bonus = (w[15] if rating == HARD else 1.0) * (w[16] if rating == EASY else 1.0)
        growth = math.exp(w[8]) * (11 - d) * s ** (-w[9]) * (math.exp((1 - recall) * w[10]) - 1)
        return s * (1 + growth * bonus)

    def _after_lapse(self, trace: Trace, recall: float) -> float:
        w, s, d = self.w, trace.stability, trace.difficulty
        long_term = w[11] * d ** (-w[12]) * ((s + 1) ** w[13] - 1) * math.exp((1 - recall) * w[14])
        return min(long_term, s / math.exp(w[17] * w[18]))


def rating_for(recalled: bool, rng: random.Random, *, first_look: bool = False) -> int:
    """How the learner rates a card: Again when not recalled, else Hard, Good or Easy in the
    FSRS simulator's proportions; a card's very first look has its own proportions."""
    if first_look:
        return rng.choices((AGAIN, HARD, GOOD, EASY), weights=FIRST_LOOK_SHARES)[0]
    if not recalled:
        return AGAIN
    return rng.choices((HARD, GOOD, EASY), weights=RECALLED_SHARES)[0]
