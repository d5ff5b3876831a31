"""Courses: join codes, rosters, sets per course, and the instructor's reports."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("courses", __name__, url_prefix="/courses")
