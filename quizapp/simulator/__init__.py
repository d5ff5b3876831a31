"""A simulated learner, as Anki offers for FSRS: a person with a true memory of each card,
studying through the real services with a moved clock (``quizapp srs simulate``).

``memory``: the learner's true memory (FSRS-6's model of forgetting, in continuous time);
``answers``: how they answer a quiz question; ``run``: the run itself, on a temporary
SQLite database, and what it measures (reviews per day, true recall at review).
"""

from quizapp.simulator.run import Day, Outcome, Plan, simulate

__all__ = ["Day", "Outcome", "Plan", "simulate"]
