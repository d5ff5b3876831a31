"""Jinja filters and globals used across the templates."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from flask import Flask, current_app
from flask_login import current_user
from markupsafe import Markup

from question_bank.rendering import render_text
from question_bank.types import BLANK_PATTERN
from quizapp import formatting
from quizapp.services import reviews
from quizapp.services.media import card_side_html

#: Main navigation: (endpoint, label, who sees it).  An entry shows once its blueprint exists.
NAV_LINKS = [
    ("quiz.history", "My quizzes", "user"),
    ("review.index", "Flashcards", "user"),
    ("review.progress", "Progress", "user"),
    ("bank.article", "The article", "all"),
    ("courses.index", "Courses", "user"),
    ("instructor.index", "Instructor", "instructor"),
]

#: The buttons under each set on the home page: (endpoint taking set_id, label).
SET_ACTIONS = [
    ("quiz.start", "Take the quiz"),
    ("review.study", "Study flashcards"),
    ("bank.browse", "Browse questions"),
    ("instructor.deck", "Anki deck"),
]


def viewer_zone() -> ZoneInfo:
    """The time zone the pages show times in: the logged-in person's (their settings; chosen
    from the browser at sign-up), UTC for anyone else."""
    if current_user.is_authenticated:
        return reviews.zone_of(current_user)
    return formatting.UTC_ZONE


def format_datetime(value: datetime | None, zone: bool = False) -> str:
    """``|datetime``: a moment in the viewer's zone; ``|datetime(zone=True)`` names the zone."""
    return formatting.datetime_text(value, viewer_zone(), with_zone=zone)


def format_time(value: datetime | None, zone: bool = False) -> str:
    """``|time``: the time of day in the viewer's zone."""
    return formatting.time_text(value, viewer_zone(), with_zone=zone)


def format_percent(value: float | None) -> str:
    return formatting.percent_text(value)


def format_duration(value: timedelta | int | None) -> str:
    return formatting.duration_text(value)


def viewer_zone_name() -> str:
    return formatting.zone_name(viewer_zone())


def _visible(audience: str) -> bool:
    if audience == "all":
        return True
    if not current_user.is_authenticated:
        return False
    return audience == "user" or current_user.is_instructor


def nav_links() -> list[tuple[str, str]]:
    views = current_app.view_functions
    return [(e, label) for e, label, who in NAV_LINKS if e in views and _visible(who)]


def set_actions() -> list[tuple[str, str]]:
    views = current_app.view_functions
    return [(e, label) for e, label in SET_ACTIONS if e in views]


def rich_text(text: str | None, text_format: str = "plain") -> Markup:
    """Question text as safe HTML: markdown and HTML are rendered, then sanitised (nh3)."""
    return Markup(render_text(text or "", text_format or "plain"))  # noqa: S704 - sanitised


def choice_html(choice: Any, question_format: str = "plain") -> Markup:
    """A choice's text as safe HTML: its own markup when it has some (an image-only choice of
    a Moodle file), else written as its question is (``question_format``; plain in a quiz)."""
    return part_html(choice.text, getattr(choice, "text_format", "plain"), question_format)


def part_html(text: str, own_format: str, question_format: str = "plain") -> Markup:
    """A part of a question (a choice, a matching item, an item to order) as safe HTML: in
    its own format when it has markup (``"html"``: it shows an image), else as its question
    is written (``question_format``; plain in a quiz)."""
    return rich_text(text, question_format if own_format == "plain" else own_format)


def card_side(card: Any, side: str) -> Markup:
    """A stored flashcard's front or back as safe HTML, its images included."""
    if card is None:
        return Markup("")
    return Markup(card_side_html(card, side))  # noqa: S704 - rendered and sanitised


def show_blanks(prompt: str | None) -> str:
    """A cloze prompt as a reader sees it: ``{{1}}`` becomes a blank line."""
    return BLANK_PATTERN.sub("_____", prompt or "")


def register(app: Flask) -> None:
    app.jinja_env.filters["rich"] = rich_text
    app.jinja_env.filters["choice_html"] = choice_html
    app.jinja_env.filters["part_html"] = part_html
    app.jinja_env.filters["card_side"] = card_side
    app.jinja_env.filters["blanks"] = show_blanks
    app.jinja_env.filters["datetime"] = format_datetime
    app.jinja_env.filters["time"] = format_time
    app.jinja_env.filters["percent"] = format_percent
    app.jinja_env.filters["lasts"] = formatting.lasts_text
    app.jinja_env.filters["duration"] = format_duration
    app.jinja_env.globals["viewer_zone_name"] = viewer_zone_name
    app.jinja_env.globals["nav_links"] = nav_links
    app.jinja_env.globals["set_actions"] = set_actions
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
