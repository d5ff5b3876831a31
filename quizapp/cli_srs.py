"""``quizapp srs``: spaced-repetition maintenance (fitting a learner's FSRS parameters)."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Add this module's commands to the ``quizapp`` group."""
