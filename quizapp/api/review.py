"""JSON endpoints: flashcard review (the same services as the review pages).

* ``GET  /review/next?set=<id>&exclude=<id,...>``: the card to show now, or 204.
* ``POST /review``: rate a card; a retry with the same ``review_id`` gets the first answer.
* ``POST /review/undo``: undo the most recent flashcard action of today.
* ``GET  /review/status?set=<id>``: today's counts and when the next card is due.
* ``POST /review/cards/<id>/suspend|bury|flag``; ``GET /review/cards/<id>``: one card.
* ``GET|PATCH /review/settings``: the learner's spaced-repetition settings.

Their OpenAPI description is ``api.review_openapi``.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from flask_login import current_user

from quizapp.api import bp, texts
from quizapp.api.auth import api_login_required
from quizapp.api.routes import json_body
from quizapp.extensions import db
from quizapp.models import User
from quizapp.services import media, progress, reviews
from quizapp.services.errors import ValidationFailed
from quizapp.services.ids import is_id, parse_id
from quizapp.web import now

MAX_EXCLUDED = 20


def _user() -> User:
    return current_user._get_current_object()  # type: ignore[attr-defined]


def _int_arg(name: str) -> int | None:
    raw = request.args.get(name, "").strip()
    if not raw or raw == "all":
        return None
    value = parse_id(raw)
    if value is None:
        raise ValidationFailed(f'"{name}" must be a set id.')
    return value


def _set_from(value: Any) -> int | None:
    if value is None or value == "all":
        return None
    if not is_id(value):
        raise ValidationFailed('"set" must be a set id.')
    return value


def _excluded() -> list[int]:
    raw = request.args.get("exclude", "").strip()
    ids = [part.strip() for part in raw.split(",") if part.strip()] if raw else []
    parsed = [parse_id(part) for part in ids]
    if len(ids) > MAX_EXCLUDED or None in parsed:
        raise ValidationFailed('"exclude" must be up to 20 card ids separated by commas.')
    return parsed  # type: ignore[return-value]


def card_texts(card: Any) -> dict[str, str]:
    """A card's front and back as the API sends them (``api.texts``): plain text, or, for a
    card written in HTML, Markdown or Moodle's format (an Anki deck's, or one made from such a
    question), HTML cleaned by the pages' sanitiser with its images named by /media URLs.  A
    cloze card is HTML whatever its format: its front shows the gaps, its back the sentence
    with the answers in ``<mark>``; ``cloze`` is its text as written, for clients of their own."""
    text_format = (card.data or {}).get("text_format") or "plain"
    if texts.api_format(text_format) == texts.PLAIN and not card.cloze:
        return {"text_format": texts.PLAIN, "front": card.front, "back": card.back}
    sides = {
        "text_format": texts.HTML,
        "front": media.card_side_html(card, "front"),
        "back": media.card_side_html(card, "back"),
    }
    if card.cloze:
        sides["cloze"] = card.cloze
    return sides


def card_payload(shown: reviews.NextCard) -> dict[str, Any]:
    card = shown.card
    return {
        "card": {
            "id": card.id,
            **card_texts(card),
            "source": (card.data or {}).get("source"),
            "category": card.category,
            "set_id": card.set_id,
            "kind": shown.kind,
            "version": shown.version,
            "flagged": shown.flagged,
        },
        "intervals": shown.intervals,
        "counts": shown.counts.as_dict(),
    }


@bp.get("/review/next")
@api_login_required
def review_next() -> Response | tuple[str, int]:
    shown = reviews.next_card(
        db.session, _user(), now=now(), set_id=_int_arg("set"), exclude=_excluded()
    )
    if shown is None:
        return "", 204
    return jsonify(card_payload(shown))


@bp.post("/review")
@api_login_required
def review_post() -> Response:
    data = json_body()
    result = reviews.review(
        db.session,
        _user(),
        card_id=data.get("card_id"),
        rating=data.get("rating"),
        now=now(),
        review_id=data.get("review_id"),
        duration_ms=data.get("duration_ms"),
        expected_version=data.get("version"),
        with_counts=True,
        set_id=_set_from(data.get("set")),
    )
    body = result.as_dict()
    body["leech"] = result.leech
    body["retried"] = result.retried
    body["counts"] = result.counts.as_dict() if result.counts else None
    return jsonify(body)


@bp.post("/review/undo")
@api_login_required
def review_undo() -> Response:
    data = request.get_json(silent=True) or {}
    scope = _set_from(data.get("set")) if isinstance(data, dict) else None
    outcome = reviews.undo_and_show(db.session, _user(), now=now(), set_id=scope)
    undone, restored = outcome.undone, outcome.undone.state
    body: dict[str, Any] = {
        "undone": {
            "action": undone.action,
            "card_id": undone.card_id,
            "rating": undone.rating,
            "reviewed_at": undone.done_at.isoformat(),
            "message": undone.message,
        },
        "restored": None
        if restored is None
        else {
            "card_id": restored.card_id,
            "due": restored.due.isoformat(),
            "state": reviews.STATE_NAMES[restored.state],
            "stability": restored.stability,
            "difficulty": restored.difficulty,
        },
    }
    body["next"] = card_payload(outcome.shown) if outcome.shown is not None else None
    return jsonify(body)


@bp.get("/review/status")
@api_login_required
def review_status() -> Response:
    status = reviews.status(db.session, _user(), now=now(), set_id=_int_arg("set"))
    return jsonify(status.as_dict())


def _flag_value(name: str) -> bool:
    data = request.get_json(silent=True)
    if data is None:
        return True
    if not isinstance(data, dict):
        raise ValidationFailed("Send a JSON object.")
    value = data.get(name, True)
    if not isinstance(value, bool):
        raise ValidationFailed(f'"{name}" must be true or false.')
    return value


@bp.post("/review/cards/<int:card_id>/suspend")
@api_login_required
def review_suspend(card_id: int) -> Response:
    flags = reviews.set_suspended(
        db.session, _user(), card_id=card_id, suspended=_flag_value("suspended"), now=now()
    )
    return jsonify(flags.as_dict())


@bp.post("/review/cards/<int:card_id>/bury")
@api_login_required
def review_bury(card_id: int) -> Response:
    flags = reviews.set_buried(
        db.session, _user(), card_id=card_id, buried=_flag_value("buried"), now=now()
    )
    return jsonify(flags.as_dict())


@bp.post("/review/cards/<int:card_id>/flag")
@api_login_required
def review_flag(card_id: int) -> Response:
    flags = reviews.set_flagged(
        db.session, _user(), card_id=card_id, flagged=_flag_value("flagged"), now=now()
    )
    return jsonify(flags.as_dict())


@bp.get("/review/cards/<int:card_id>")
@api_login_required
def review_card(card_id: int) -> Response:
    history = progress.card_history(db.session, _user(), card_id, now=now())
    state = history.state
    return jsonify(
        {
            "card_id": history.card.id,
            **card_texts(history.card),
            "source": history.source,
            "state": None
            if state is None or not state.reps
            else {
                "state": reviews.STATE_NAMES[state.state],
                "due": state.due.isoformat(),
                "stability": state.stability,
                "difficulty": state.difficulty,
                "reps": state.reps,
                "lapses": state.lapses,
                "interval_days": history.interval_days,
            },
            "flags": history.flags.as_dict(),
            "recall_when_due": history.recall_when_due,
            "lasts_days": history.lasts_days,
            "history": [
                {
                    "reviewed_at": entry.reviewed_at.isoformat(),
                    "rating": entry.rating,
                    "origin": entry.origin,
                    "duration_ms": entry.duration_ms,
                    "state_after": entry.state_after,
                    "interval_days": round(entry.interval_after_days, 4),
                }
                for entry in history.entries
            ],
        }
    )


@bp.get("/review/settings")
@api_login_required
def review_settings() -> Response:
    return jsonify(reviews.settings_of(_user()).as_dict())


@bp.patch("/review/settings")
@api_login_required
def review_settings_update() -> Response | tuple[Response, int]:
    try:
        settings = reviews.update_settings(db.session, _user(), json_body(), now=now())
    except reviews.SettingsInvalid as invalid:
        error = {"code": invalid.code, "message": invalid.message, "fields": invalid.errors}
        return jsonify({"error": error}), 400
    return jsonify(settings.as_dict())
