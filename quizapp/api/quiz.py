"""JSON endpoints: quiz attempts, over the same services as the pages.

Nothing that gives an answer away (weights, accepted answers, ``answer_display``, the
result) is sent before the question is checked (immediate mode) or the attempt submitted.
Choice, item and option ids are the attempt's own (``question_bank.types.public_ids``), and
the texts of a question written in HTML or Markdown are sanitised HTML (``api.texts``).
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request
from flask_login import current_user

from question_bank.types import QUESTION_TYPES
from question_bank.types import Question as BankQuestion
from quizapp.api import bp, texts
from quizapp.api.auth import api_login_required
from quizapp.api.openapi import (
    PATHS,
    SCHEMA_BUILDERS,
    SCHEMAS,
    error_responses,
    json_response,
    path_id,
    ref,
)
from quizapp.api.routes import json_body
from quizapp.extensions import db
from quizapp.services import quizzes
from quizapp.services.errors import ValidationFailed
from quizapp.services.quizzes import LEARNER_QUIZ_SIZE
from quizapp.web import new_rng, now


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def result_json(q: quizzes.QuestionView) -> dict[str, Any]:
    result = q.result
    if result is None:
        raise ValueError(f"question {q.key!r} has no result to show yet")
    text_format = q.model.text_format
    return {
        "question_id": q.key,
        "status": result.status,
        "correct": result.correct,
        "score": result.score,
        "points": result.points,
        "response": q.response,
        "text_format": texts.api_format(text_format),
        "answer_display": texts.api_text(result.answer_display, text_format),
        "feedback": [texts.api_text(line, text_format) for line in result.feedback],
        "general_feedback": texts.api_text(result.general_feedback, text_format),
        "source": result.source_quote,
    }


def question_json(q: quizzes.QuestionView) -> dict[str, Any]:
    data = texts.public_form(q.model.public_dict())
    data.update(
        {
            "position": q.position,
            "answerable": q.answerable,
            "response": q.response,
            "answered": q.answered,
            "locked": q.locked,
            "flagged": q.flagged,
        }
    )
    if q.result is not None:
        data["result"] = result_json(q)
    return data


def attempt_json(view: quizzes.AttemptView) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": view.id,
        "set_id": view.set_id,
        "set_name": view.set_name,
        "course_id": view.course_id,
        "feedback_mode": view.feedback_mode,
        "started_at": _time(view.started_at),
        "deadline": _time(view.deadline),
        "seconds_left": view.seconds_left,
        "submitted": view.is_submitted,
        "submitted_at": _time(view.submitted_at),
        "current_position": view.current_position,
        "version": view.version,
        "score": view.score,
        "max_score": view.max_score,
        "questions": [question_json(q) for q in view.questions],
    }
    if view.is_submitted:
        data["results"] = [result_json(q) for q in view.questions if q.result is not None]
    return data


def submission_json(view: quizzes.AttemptView) -> dict[str, Any]:
    return {
        "id": view.id,
        "score": view.score,
        "max_score": view.max_score,
        "percent": view.percent,
        "submitted_at": _time(view.submitted_at),
        "results": [result_json(q) for q in view.questions if q.result is not None],
    }


def _learner_choice() -> quizzes.LearnerChoice | None:
    """The draw asked for in the start's optional body: ``{"questions": 20 | "all",
    "categories": [...]}`` (a built-in bank only); None without a body or those keys."""
    if not request.get_data(cache=True):
        return None
    body = json_body()
    if "questions" not in body and "categories" not in body:
        return None
    size = body.get("questions", quizzes.LEARNER_QUIZ_SIZE)
    if size == "all":
        size = None
    elif isinstance(size, bool) or not isinstance(size, int):
        raise ValidationFailed('"questions" must be a whole number or "all".')
    categories = body.get("categories", [])
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise ValidationFailed('"categories" must be a list of category names.')
    if len(categories) > 50:
        raise ValidationFailed('"categories" names at most 50 categories.')
    return quizzes.LearnerChoice(size, tuple(dict.fromkeys(categories)))


def start_response(set_id: int, course_id: int | None = None) -> tuple[Response, int]:
    """Start (or resume) an attempt, at a set or at a set of a course: 201 new, 200 resumed."""
    started = quizzes.start_attempt(
        db.session,
        user=current_user,
        set_id=set_id,
        now=now(),
        rng=new_rng(),
        course_id=course_id,
        choice=_learner_choice(),
    )
    data = attempt_json(started.attempt)
    data["resumed"] = started.resumed
    return jsonify(data), 200 if started.resumed else 201


@bp.post("/sets/<int:set_id>/attempts")
@api_login_required
def quiz_start(set_id: int) -> tuple[Response, int]:
    return start_response(set_id)


@bp.get("/attempts/<int:attempt_id>")
@api_login_required
def quiz_attempt(attempt_id: int) -> Response:
    view = quizzes.get_attempt(db.session, user=current_user, attempt_id=attempt_id, now=now())
    return jsonify(attempt_json(view))


@bp.put("/attempts/<int:attempt_id>/answers/<path:question_id>")
@api_login_required
def quiz_save_answer(attempt_id: int, question_id: str) -> Response:
    body = json_body()
    if "response" not in body and "flagged" not in body:
        raise ValidationFailed(
            '"response" is required (null clears the saved answer), unless "flagged" is sent.'
        )
    check = body.get("check", False)
    if not isinstance(check, bool):
        raise ValidationFailed('"check" must be true or false.')
    flagged = body.get("flagged")
    if flagged is not None and not isinstance(flagged, bool):
        raise ValidationFailed('"flagged" must be true or false.')
    saved = quizzes.save_answer(
        db.session,
        user=current_user,
        attempt_id=attempt_id,
        question_key=question_id,
        response=body.get("response", quizzes.KEEP),
        now=now(),
        check=check,
        flag=flagged,
    )
    q = saved.question
    data: dict[str, Any] = {
        "question_id": q.key,
        "response": q.response,
        "answered": q.answered,
        "locked": q.locked,
        "flagged": q.flagged,
        "changed": saved.changed,
        "attempt_version": saved.attempt.version,
    }
    if q.result is not None:
        data["result"] = result_json(q)
    return jsonify(data)


@bp.post("/attempts/<int:attempt_id>/submit")
@api_login_required
def quiz_submit(attempt_id: int) -> Response:
    view = quizzes.submit_attempt(db.session, user=current_user, attempt_id=attempt_id, now=now())
    return jsonify(submission_json(view))


# ---------------------------------------------------------------------------- OpenAPI


_NULLABLE_NUMBER = {"type": ["number", "null"]}
_NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}


def _response_doc() -> str:
    """What a response is, by question type (each type says it)."""
    by_type = "; ".join(f"{name}, {cls.response_doc}" for name, cls in QUESTION_TYPES.items())
    return f"By type: {by_type}. null: not answered."


def _result_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["question_id", "status", "correct", "score", "answer_display"],
        "properties": {
            "question_id": {"type": "string"},
            "status": {
                "type": "string",
                "enum": ["correct", "partial", "incorrect", "unanswered", "ungraded", "answered"],
                "description": "answered: the course's review options hide whether the "
                "answer was right",
            },
            "correct": {
                "type": ["boolean", "null"],
                "description": "null: ungraded, or hidden by the course",
            },
            "score": {
                **_NULLABLE_NUMBER,
                "description": "The share of the points earned, 0..1; null for an essay, or "
                "hidden by the course",
            },
            "points": {
                "type": "number",
                "description": "What the question is worth (its mark is score x points)",
            },
            "response": ref("Response"),
            "text_format": {
                "type": "string",
                "enum": ["plain", "html"],
                "description": "html: answer_display, feedback and general_feedback are "
                "sanitised HTML (the question was written in HTML or Markdown); plain: text",
            },
            "answer_display": {"type": "string"},
            "feedback": {"type": "array", "items": {"type": "string"}},
            "general_feedback": {"type": "string"},
            "source": {
                "type": ["string", "null"],
                "description": "The article's sentence the question comes from (plain text)",
            },
        },
    }


def _attempt_question_schema(cls: type[BankQuestion]) -> dict[str, Any]:
    """One question of an attempt: the type's public form (its OpenAPI fragment), where it
    stands in the attempt, and the saved response in the type's canonical form."""
    public = cls.public_schema()
    response = {"anyOf": [{"type": "null"}, dict(cls.response_schema)]}
    return {
        **public,
        "required": [*public["required"], "position", "answerable", "response"],
        "properties": {
            **public["properties"],
            "text_format": {
                "type": "string",
                "enum": ["plain", "html"],
                "description": "plain: the prompt and the texts of the choices, items and "
                "options are plain text (escape them); html: the question was written in "
                "HTML, Markdown or Moodle's format, and they are HTML rendered and cleaned by "
                "the pages' sanitiser (nh3: no script, no event handler, no image from "
                "another site), safe to insert as they are",
            },
            "position": {"type": "integer", "description": "0-based"},
            "answerable": {"type": "boolean", "description": "false for a description"},
            "response": {**response, "description": f"The saved response: {cls.response_doc}"},
            "answered": {"type": "boolean"},
            "locked": {"type": "boolean", "description": "The answer can no longer change"},
            "flagged": {"type": "boolean", "description": "Flagged by the student"},
            "result": ref("Result"),
        },
    }


def question_schemas() -> dict[str, Any]:
    """``AttemptQuestion``, one of ``AttemptQuestion.<type>`` for each registered type, and
    ``Result``, and ``Response``: what a response is, by type."""
    schemas: dict[str, Any] = {
        "Result": _result_schema(),
        "Response": {"description": _response_doc()},
    }
    variants = []
    for name, cls in QUESTION_TYPES.items():
        schemas[f"AttemptQuestion.{name}"] = _attempt_question_schema(cls)
        variants.append(ref(f"AttemptQuestion.{name}"))
    schemas["AttemptQuestion"] = {
        "description": "What a student may see; no weight, correct, accepted or "
        "answer_display until `result` is given.  By its `type`, one of the types' forms.",
        "oneOf": variants,
    }
    return schemas


SCHEMA_BUILDERS.append(question_schemas)
SCHEMAS.update(
    {
        "Attempt": {
            "type": "object",
            "required": ["id", "set_id", "feedback_mode", "submitted", "questions"],
            "properties": {
                "id": {"type": "integer"},
                "set_id": {"type": "integer"},
                "set_name": {"type": "string"},
                "course_id": {
                    "type": ["integer", "null"],
                    "description": "The course the attempt was taken in, if any",
                },
                "feedback_mode": {"type": "string", "enum": ["deferred", "immediate"]},
                "started_at": {"type": "string", "format": "date-time"},
                "deadline": _NULLABLE_TIME,
                "seconds_left": {"type": ["integer", "null"]},
                "submitted": {"type": "boolean"},
                "submitted_at": _NULLABLE_TIME,
                "current_position": {"type": "integer"},
                "version": {"type": "integer", "description": "Bumped on every change"},
                "score": {
                    **_NULLABLE_NUMBER,
                    "description": "null before submitting, and when the course's review "
                    "options hide whether the answers were right",
                },
                "max_score": {"type": "number"},
                "questions": {"type": "array", "items": ref("AttemptQuestion")},
                "results": {"type": "array", "items": ref("Result")},
                "resumed": {"type": "boolean", "description": "Start only"},
            },
        },
        "Submission": {
            "type": "object",
            "required": ["id", "score", "max_score", "results"],
            "properties": {
                "id": {"type": "integer"},
                "score": {
                    **_NULLABLE_NUMBER,
                    "description": "null when the course's review options hide whether "
                    "the answers were right",
                },
                "max_score": {"type": "number"},
                "percent": _NULLABLE_NUMBER,
                "submitted_at": {"type": "string", "format": "date-time"},
                "results": {"type": "array", "items": ref("Result")},
            },
        },
        "LearnerChoice": {
            "type": "object",
            "properties": {
                "questions": {
                    "anyOf": [
                        {"type": "integer", "minimum": 1, "maximum": 1000},
                        {"const": "all"},
                    ],
                    "description": f"How many questions (default {LEARNER_QUIZ_SIZE}), or all",
                },
                "categories": {
                    "type": "array",
                    "items": {"type": "string"},
                    "maxItems": 50,
                    "description": "Only these categories (default: every one)",
                },
            },
        },
        "SavedAnswer": {
            "type": "object",
            "required": ["question_id", "response", "answered", "changed"],
            "properties": {
                "question_id": {"type": "string"},
                "response": {"description": "The saved response, in canonical form"},
                "answered": {"type": "boolean"},
                "locked": {"type": "boolean"},
                "flagged": {"type": "boolean"},
                "changed": {"type": "boolean", "description": "false for a repeated save"},
                "attempt_version": {"type": "integer"},
                "result": ref("Result"),
            },
        },
    }
)

_ATTEMPT_ID = path_id("attempt_id")
#: Starting an attempt, at a set on its own or at a set of a course.
START_ATTEMPT_RESPONSES = {
    "201": json_response(ref("Attempt"), "A new attempt"),
    "200": json_response(ref("Attempt"), "The attempt in progress, resumed"),
    **error_responses(400, 401, 403, 404),
}

PATHS.update(
    {
        "/sets/{set_id}/attempts": {
            "post": {
                "summary": "Start an attempt at a set, or resume the one in progress",
                "description": "A built-in bank (the article's) has no instructor to choose "
                f"its quiz: an attempt draws {LEARNER_QUIZ_SIZE} of its questions at random "
                'unless the body asks for another number, "all", or some categories. On '
                "any other set the instructor chose: a body asking for a draw is refused "
                "(400, code options_fixed).",
                "parameters": [path_id("set_id")],
                "requestBody": {
                    "required": False,
                    "content": {"application/json": {"schema": ref("LearnerChoice")}},
                },
                "responses": START_ATTEMPT_RESPONSES,
            }
        },
        "/attempts/{attempt_id}": {
            "get": {
                "summary": "An attempt with its saved responses (and its results once submitted)",
                "parameters": [_ATTEMPT_ID],
                "responses": {
                    "200": json_response(ref("Attempt"), "The attempt"),
                    **error_responses(401, 404),
                },
            }
        },
        "/attempts/{attempt_id}/answers/{question_id}": {
            "put": {
                "summary": "Save the answer to one question, or flag it (idempotent)",
                "description": "Saving never checks: in immediate feedback mode, "
                '`"check": true` also grades the answer, shows its result and locks it '
                "(400, code nothing_to_check, without an answer). After the deadline the "
                "answer is refused (400, code time_up) and the attempt is submitted with what "
                "was saved.",
                "parameters": [
                    _ATTEMPT_ID,
                    {
                        "name": "question_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "anyOf": [{"required": ["response"]}, {"required": ["flagged"]}],
                                "properties": {
                                    "response": ref("Response"),
                                    "flagged": {
                                        "type": "boolean",
                                        "description": "Flag the question to come back to "
                                        "it, or take the flag off (until submitted); "
                                        "without response, the answer is left as it is",
                                    },
                                    "check": {
                                        "type": "boolean",
                                        "default": False,
                                        "description": "Immediate mode: check the answer "
                                        "(graded, shown, locked); ignored otherwise",
                                    },
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": json_response(
                        ref("SavedAnswer"), "The saved state (and result if checked)"
                    ),
                    **error_responses(400, 401, 404),
                },
            }
        },
        "/attempts/{attempt_id}/submit": {
            "post": {
                "summary": "Submit the attempt; submitting again returns the same result",
                "parameters": [_ATTEMPT_ID],
                "responses": {
                    "200": json_response(ref("Submission"), "The score and each question's result"),
                    **error_responses(401, 404),
                },
            }
        },
    }
)
