"""JSON endpoints: flashcard review (the same services as the review pages).

* ``GET  /review/next?set=<id>&exclude=<id,...>``: the card to show now, or 204.
* ``POST /review``: rate a card; a retry with the same ``review_id`` gets the first answer.
* ``POST /review/undo``: undo the most recent flashcard action of today.
* ``GET  /review/status?set=<id>``: today's counts and when the next card is due.
* ``POST /review/cards/<id>/suspend|bury|flag``; ``GET /review/cards/<id>``: one card.
* ``GET|PATCH /review/settings``: the learner's spaced-repetition settings.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from flask_login import current_user

from quizapp.api import bp, texts
from quizapp.api.auth import api_login_required
from quizapp.api.openapi import PATHS, SCHEMAS, error_responses, json_response, path_id, ref
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


# ------------------------------------------------------------------------------ OpenAPI


_SET_PARAM = {
    "name": "set",
    "in": "query",
    "required": False,
    "description": "A set id; leave out for every due card of the sets you study.",
    "schema": {"type": "integer"},
}
_CARD_PARAM = path_id("card_id")
_STATE = {"type": "string", "enum": ["learning", "review", "relearning"]}
_WHEN = {"type": "string", "format": "date-time"}
_NUMBER_OR_NULL = {"type": ["number", "null"]}


def _bounded(name: str, kind: str) -> dict[str, Any]:
    """A setting's schema, with its bounds from ``reviews.SETTINGS``."""
    setting = reviews.SETTING_BY_NAME[name]
    if kind == "integer":
        return {"type": kind, "minimum": int(setting.low), "maximum": int(setting.high)}
    return {"type": kind, "minimum": setting.low, "maximum": setting.high}


SCHEMAS.update(
    {
        "ReviewCounts": {
            "type": "object",
            "required": ["new", "learning", "review"],
            "properties": {
                "new": {"type": "integer"},
                "learning": {"type": "integer"},
                "review": {"type": "integer"},
            },
        },
        "ReviewCard": {
            "type": "object",
            "required": ["card", "intervals", "counts"],
            "properties": {
                "card": {
                    "type": "object",
                    "required": ["id", "front", "back", "source"],
                    "properties": {
                        "id": {"type": "integer"},
                        "text_format": {
                            "type": "string",
                            "enum": ["plain", "html"],
                            "description": "plain: front and back are plain text (escape "
                            "them); html: the card is written in HTML, Markdown or Moodle's "
                            "format, and they are HTML cleaned by the pages' sanitiser, its "
                            "images as /media URLs, safe to insert as they are",
                        },
                        "front": {"type": "string"},
                        "back": {"type": "string"},
                        "cloze": {
                            "type": "string",
                            "description": "A cloze card's sentence with Anki's deletions "
                            "({{c1::answer}}, {{c1::answer::hint}}); absent for a front-and-"
                            "back card.  front shows the gaps, back the answers in <mark>.",
                        },
                        "source": {
                            "description": "The article quote the card comes from.",
                            "type": ["object", "null"],
                            "properties": {
                                "quote": {"type": "string"},
                                "start": {"type": "integer"},
                                "end": {"type": "integer"},
                            },
                        },
                        "category": {"type": ["string", "null"]},
                        "set_id": {"type": "integer"},
                        "kind": {"type": "string", "enum": ["new", "learning", "review"]},
                        "version": {
                            "type": "integer",
                            "description": "Send it back with the rating to detect a review "
                            "made elsewhere in the meantime (409).",
                        },
                        "flagged": {"type": "boolean"},
                    },
                },
                "intervals": {
                    "type": "object",
                    "description": 'The interval each rating would give: "<1m", "10m", "3d".',
                    "required": ["again", "hard", "good", "easy"],
                    "properties": {
                        k: {"type": "string"} for k in ("again", "hard", "good", "easy")
                    },
                },
                "counts": ref("ReviewCounts"),
            },
        },
        "ReviewResult": {
            "type": "object",
            "required": ["card_id", "due", "state", "stability", "difficulty"],
            "properties": {
                "card_id": {"type": "integer"},
                "due": _WHEN,
                "state": _STATE,
                "stability": _NUMBER_OR_NULL,
                "difficulty": _NUMBER_OR_NULL,
                "leech": {
                    "type": "boolean",
                    "description": "This review made the card a leech: it is now suspended.",
                },
                "retried": {
                    "type": "boolean",
                    "description": "A retry of an earlier review_id: nothing new recorded.",
                },
                "counts": ref("ReviewCounts"),
            },
        },
        "CardFlags": {
            "type": "object",
            "required": ["card_id", "suspended", "buried_until", "flagged", "leech"],
            "properties": {
                "card_id": {"type": "integer"},
                "suspended": {"type": "boolean"},
                "buried_until": {"type": ["string", "null"], "format": "date-time"},
                "flagged": {"type": "boolean"},
                "leech": {"type": "boolean"},
            },
        },
        "SrsSettings": {
            "type": "object",
            "properties": {
                "desired_retention": _bounded("desired_retention", "number"),
                "new_cards_per_day": _bounded("new_cards_per_day", "integer"),
                "max_reviews_per_day": _bounded("max_reviews_per_day", "integer"),
                "learning_steps": {"type": "string", "examples": ["1m 10m"]},
                "relearning_steps": {"type": "string", "examples": ["10m"]},
                "maximum_interval_days": _bounded("maximum_interval_days", "integer"),
                "timezone": {"type": "string", "examples": ["Europe/Paris"]},
                "fitted_parameters": {"type": "boolean", "readOnly": True},
            },
        },
    }
)


def _flag_path(name: str, summary: str) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "parameters": [_CARD_PARAM],
            "requestBody": {
                "required": False,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {name: {"type": "boolean", "default": True}},
                        }
                    }
                },
            },
            "responses": {
                "200": json_response(ref("CardFlags"), "The card's flags"),
                **error_responses(400, 401),
            },
        }
    }


PATHS.update(
    {
        "/review/next": {
            "get": {
                "summary": "The flashcard to study now (reviews due, learning, then new cards)",
                "description": "The cards of a set reached only through courses that keep "
                "its flashcards closed (its quiz open and its review hiding the right "
                "answers, or flashcards_open false) are never shown: 403 flashcards_closed "
                "for that set, and left out of the queue of all sets.",
                "parameters": [
                    _SET_PARAM,
                    {
                        "name": "exclude",
                        "in": "query",
                        "required": False,
                        "description": "Card ids to leave out, comma-separated (the card on "
                        "screen, to prefetch the one after it).",
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {
                    "200": json_response(ref("ReviewCard"), "The card, its intervals, the counts"),
                    "204": {"description": "Nothing is due: done for today"},
                    **error_responses(400, 401, 403, 404),
                },
            }
        },
        "/review": {
            "post": {
                "summary": "Rate a due card (1 again, 2 hard, 3 good, 4 easy)",
                "description": "Posting the same review_id again (a retry) returns the first "
                "answer and records nothing. A bad rating, an unknown card or a card not due: "
                "400, nothing changes. Two reviews of one card at once: one applies, the other "
                "gets 409 (unless it is a retry of the same review_id).",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["card_id", "rating"],
                                "properties": {
                                    "card_id": {"type": "integer"},
                                    "rating": {"type": "integer", "minimum": 1, "maximum": 4},
                                    "review_id": {"type": "string", "maxLength": 64},
                                    "duration_ms": {"type": "integer", "minimum": 0},
                                    "version": {
                                        "type": "integer",
                                        "description": "The card version from /review/next.",
                                    },
                                    "set": {
                                        "type": "integer",
                                        "description": "Scope of the counts returned.",
                                    },
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": json_response(ref("ReviewResult"), "The card's new schedule"),
                    **error_responses(400, 401, 409),
                },
            }
        },
        "/review/undo": {
            "post": {
                "summary": "Undo the most recent flashcard action of today (a review, bury, "
                "suspend or flag; each call the one before): what it changed comes back",
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["undone", "restored", "next"],
                            "properties": {
                                "undone": {
                                    "type": "object",
                                    "required": ["action", "card_id", "rating", "message"],
                                    "properties": {
                                        "action": {
                                            "type": "string",
                                            "enum": ["review", "bury", "suspend", "flag"],
                                        },
                                        "card_id": {"type": "integer"},
                                        "rating": {
                                            "type": ["integer", "null"],
                                            "description": "The rating undone; null for "
                                            "bury, suspend and flag.",
                                        },
                                        "reviewed_at": _WHEN,
                                        "message": {"type": "string"},
                                    },
                                },
                                "restored": {
                                    "description": "The state restored; null: new again.",
                                    "type": ["object", "null"],
                                },
                                "next": {
                                    "description": "The card undone, to show again.",
                                    "oneOf": [ref("ReviewCard"), {"type": "null"}],
                                },
                            },
                        },
                        "Undone",
                    ),
                    **error_responses(400, 401, 409),
                },
            }
        },
        "/review/status": {
            "get": {
                "summary": "Today's counts and when the next card is due",
                "parameters": [_SET_PARAM],
                "responses": {
                    "200": json_response(
                        {
                            "type": "object",
                            "required": ["counts", "next_due", "next_due_text"],
                            "properties": {
                                "counts": ref("ReviewCounts"),
                                "next_due": {"type": ["string", "null"], "format": "date-time"},
                                "next_due_text": {
                                    "type": "string",
                                    "description": "In the learner's time zone: \"tomorrow at "
                                    '04:00"; empty when nothing is scheduled.',
                                },
                            },
                        },
                        "The status",
                    ),
                    **error_responses(400, 401, 403, 404),
                },
            }
        },
        "/review/cards/{card_id}": {
            "get": {
                "summary": "One card: its state, flags, memory (predicted recall when due, "
                "stability as lasts_days) and history",
                "parameters": [_CARD_PARAM],
                "responses": {
                    "200": json_response({"type": "object"}, "The card"),
                    **error_responses(401, 403, 404),
                },
            }
        },
        "/review/cards/{card_id}/suspend": _flag_path(
            "suspended", "Suspend a card (false: unsuspend)"
        ),
        "/review/cards/{card_id}/bury": _flag_path(
            "buried", "Bury a card until the next 4 a.m. rollover (false: unbury)"
        ),
        "/review/cards/{card_id}/flag": _flag_path("flagged", "Flag a card (false: unflag)"),
        "/review/settings": {
            "get": {
                "summary": "The learner's spaced-repetition settings",
                "responses": {
                    "200": json_response(ref("SrsSettings"), "The settings"),
                    **error_responses(401),
                },
            },
            "patch": {
                "summary": "Change some settings (all or nothing)",
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref("SrsSettings")}},
                },
                "responses": {
                    "200": json_response(ref("SrsSettings"), "The settings"),
                    **error_responses(400, 401),
                },
            },
        },
    }
)
