"""Browsing a set's questions, and reading the article with its sentences linked."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("bank", __name__, url_prefix="/bank")
