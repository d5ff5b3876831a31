"""JSON endpoints: quiz attempts, over the same services as the pages.

Nothing that gives an answer away (weights, accepted answers, ``answer_display``, the
result) is sent before the question is checked (immediate mode) or the attempt submitted.
"""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify
from flask_login import current_user

from quizapp.api import bp
from quizapp.api.auth import api_login_required
from quizapp.api.openapi import PATHS, SCHEMAS, error_responses, json_response, path_id, ref
from quizapp.api.routes import json_body
from quizapp.extensions import db
from quizapp.services import quizzes
from quizapp.services.errors import ValidationFailed
from quizapp.web import new_rng, now


def _time(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def result_json(q: quizzes.QuestionView) -> dict[str, Any]:
    result = q.result
    if result is None:
        raise ValueError(f"question {q.key!r} has no result to show yet")
    return {
        "question_id": q.key,
        "status": result.status,
        "correct": result.correct,
        "score": result.score,
        "response": q.response,
        "answer_display": result.answer_display,
        "feedback": list(result.feedback),
        "general_feedback": result.general_feedback,
        "source": result.source_quote,
    }


def question_json(q: quizzes.QuestionView) -> dict[str, Any]:
    data = q.model.public_dict()
    data.update(
        {
            "position": q.position,
            "answerable": q.answerable,
            "response": q.response,
            "answered": q.answered,
            "locked": q.locked,
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


def start_response(set_id: int, course_id: int | None = None) -> tuple[Response, int]:
    """Start (or resume) an attempt, at a set or at a set of a course: 201 new, 200 resumed."""
    started = quizzes.start_attempt(
        db.session, user=current_user, set_id=set_id, now=now(), rng=new_rng(), course_id=course_id
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
    if "response" not in body:
        raise ValidationFailed('"response" is required (null clears the saved answer).')
    saved = quizzes.save_answer(
        db.session,
        user=current_user,
        attempt_id=attempt_id,
        question_key=question_id,
        response=body["response"],
        now=now(),
    )
    q = saved.question
    data: dict[str, Any] = {
        "question_id": q.key,
        "response": q.response,
        "answered": q.answered,
        "locked": q.locked,
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


_ID_TEXT = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["id", "text"],
        "properties": {"id": {"type": "string"}, "text": {"type": "string"}},
    },
}
_NULLABLE_NUMBER = {"type": ["number", "null"]}
_NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}
_RESPONSE_DOC = (
    "By type: multiple_choice and true_false, the chosen choice id (true/false: "
    '"true" or "false"); multiple_response, a list of choice ids; short_answer and essay, '
    'a string; numerical, a number (or a string such as "11,000"); matching, an object '
    "from item id to option id; cloze, a list with one string per blank. null: not answered."
)

SCHEMAS.update(
    {
        "Result": {
            "type": "object",
            "required": ["question_id", "status", "correct", "score", "answer_display"],
            "properties": {
                "question_id": {"type": "string"},
                "status": {
                    "type": "string",
                    "enum": [
                        "correct",
                        "partial",
                        "incorrect",
                        "unanswered",
                        "ungraded",
                        "answered",
                    ],
                    "description": "answered: the course's review options hide whether the "
                    "answer was right",
                },
                "correct": {
                    "type": ["boolean", "null"],
                    "description": "null: ungraded, or hidden by the course",
                },
                "score": {
                    **_NULLABLE_NUMBER,
                    "description": "0..1; null for an essay, or hidden by the course",
                },
                "response": {"description": _RESPONSE_DOC},
                "answer_display": {"type": "string"},
                "feedback": {"type": "array", "items": {"type": "string"}},
                "general_feedback": {"type": "string"},
                "source": {
                    "type": ["string", "null"],
                    "description": "The article's sentence the question comes from",
                },
            },
        },
        "AttemptQuestion": {
            "type": "object",
            "description": "What a student may see; no weight, correct, accepted or "
            "answer_display until `result` is given.",
            "required": ["id", "type", "prompt", "position", "answerable", "response"],
            "properties": {
                "id": {"type": "string"},
                "type": {"type": "string"},
                "title": {"type": "string"},
                "prompt": {"type": "string", "description": "Cloze blanks are {{1}}, {{2}}..."},
                "text_format": {"type": "string", "enum": ["plain", "markdown", "html", "moodle"]},
                "category": {"type": ["string", "null"]},
                "choices": {**_ID_TEXT, "description": "Choice questions, in the order shown"},
                "items": {**_ID_TEXT, "description": "Matching: the items to match"},
                "options": {**_ID_TEXT, "description": "Matching: the options to choose from"},
                "blanks": {"type": "integer", "description": "Cloze: how many blanks"},
                "position": {"type": "integer", "description": "0-based"},
                "answerable": {"type": "boolean", "description": "false for a description"},
                "response": {"description": "The saved response. " + _RESPONSE_DOC},
                "answered": {"type": "boolean"},
                "locked": {"type": "boolean", "description": "The answer can no longer change"},
                "result": ref("Result"),
            },
        },
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
                "score": _NULLABLE_NUMBER,
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
                "score": {"type": "number"},
                "max_score": {"type": "number"},
                "percent": _NULLABLE_NUMBER,
                "submitted_at": {"type": "string", "format": "date-time"},
                "results": {"type": "array", "items": ref("Result")},
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
                "parameters": [path_id("set_id")],
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
                "summary": "Save the answer to one question (idempotent)",
                "description": "After the deadline the answer is refused (400, code time_up) "
                "and the attempt is submitted with what was saved.",
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
                                "required": ["response"],
                                "properties": {"response": {"description": _RESPONSE_DOC}},
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
