"""The OpenAPI description of the flashcard endpoints (``api.review``)."""

from __future__ import annotations

from typing import Any

from quizapp.api.openapi import PATHS, SCHEMAS, error_responses, json_response, path_id, ref
from quizapp.services import reviews

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
