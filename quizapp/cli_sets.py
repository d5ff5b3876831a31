"""``quizapp import`` and ``quizapp export``: question sets in and out of the database."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Add this module's commands to the ``quizapp`` group."""
