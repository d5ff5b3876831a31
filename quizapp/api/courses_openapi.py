"""The OpenAPI description of the course endpoints (``api.courses``)."""

from __future__ import annotations

from typing import Any

from quizapp.api.openapi import (
    PATHS,
    SCHEMAS,
    error_responses,
    json_response,
    path_id,
    ref,
    request_body,
)
from quizapp.api.quiz import START_ATTEMPT_RESPONSES
from quizapp.services import quizzes

_NULLABLE_TIME = {"type": ["string", "null"], "format": "date-time"}
_NULLABLE_INT = {"type": ["integer", "null"]}
_SORT = [
    {
        "name": "sort",
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
        "description": '"student" (email, the default) or "set-<id>" (that set\'s grade; '
        "students without one last)",
    },
    {
        "name": "order",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "enum": ["asc", "desc"]},
    },
]
_OPTION_PROPERTIES: dict[str, Any] = {
    "opens_at": {**_NULLABLE_TIME, "description": "null: open now; no zone means UTC"},
    "closes_at": {**_NULLABLE_TIME, "description": "null: never closes"},
    "time_limit_seconds": {**_NULLABLE_INT, "description": "60..86400; null: no limit"},
    "attempts_allowed": {**_NULLABLE_INT, "description": "1..100; null: unlimited"},
    "grading_method": {"type": "string", "enum": list(quizzes.GRADING_METHODS)},
    "shuffle": {"type": "boolean"},
    "feedback_mode": {"type": "string", "enum": ["deferred", "immediate"]},
    "exam_date": {
        "type": ["string", "null"],
        "format": "date",
        "description": "the day of the exam: the report predicts recall that day; null: none",
    },
}

SCHEMAS.update(
    {
        "CourseSet": {
            "type": "object",
            "required": ["set_id", "name", "availability", "grading_method", "review"],
            "properties": {
                "set_id": {"type": "integer"},
                "name": {"type": "string"},
                "availability": {"type": "string", "enum": ["open", "not_open", "closed"]},
                **_OPTION_PROPERTIES,
                "review": {
                    "type": "object",
                    "description": "What students see after submitting",
                    "properties": {
                        "response": {"type": "boolean"},
                        "correctness": {"type": "boolean"},
                        "answer": {"type": "boolean"},
                        "feedback": {"type": "boolean"},
                    },
                },
                "flashcards_open": {
                    "type": "boolean",
                    "description": "The instructor's choice: the set's flashcards are open to "
                    "the course's students (except while the quiz is open and its review "
                    "hides the right answers)",
                },
                "flashcards_now": {
                    "type": "boolean",
                    "description": "The set's flashcards (GET /review/next?set=...) are open "
                    "to the course's students now",
                },
            },
        },
        "Course": {
            "type": "object",
            "required": ["id", "name", "teaching", "sets"],
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "teaching": {"type": "boolean", "description": "The caller owns the course"},
                "join_code": {"type": "string", "description": "Owner only"},
                "sets": {"type": "array", "items": ref("CourseSet")},
                "students": {
                    "type": "array",
                    "description": "Owner only",
                    "items": {
                        "type": "object",
                        "required": ["id", "email"],
                        "properties": {
                            "id": {"type": "integer"},
                            "email": {"type": "string"},
                            "joined_at": {"type": "string", "format": "date-time"},
                        },
                    },
                },
            },
        },
        "Gradebook": {
            "type": "object",
            "required": ["course_id", "sets", "rows"],
            "properties": {
                "course_id": {"type": "integer"},
                "sets": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "name", "grading_method"],
                        "properties": {
                            "id": {"type": "integer"},
                            "name": {"type": "string"},
                            "grading_method": {
                                "type": "string",
                                "enum": list(quizzes.GRADING_METHODS),
                            },
                        },
                    },
                },
                "rows": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["student_id", "email", "grades"],
                        "properties": {
                            "student_id": {"type": "integer"},
                            "email": {"type": "string"},
                            "grades": {
                                "type": "array",
                                "description": "One per set, in the order of `sets`",
                                "items": {
                                    "type": "object",
                                    "required": ["set_id", "percent", "attempts"],
                                    "properties": {
                                        "set_id": {"type": "integer"},
                                        "percent": {
                                            "type": ["number", "null"],
                                            "description": "0..100 under the set's grading "
                                            "method; null: no submitted attempt",
                                        },
                                        "attempts": {"type": "integer"},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
        "ItemStat": {
            "type": "object",
            "required": ["question_id", "attempts", "facility", "discrimination", "choices"],
            "properties": {
                "question_id": {"type": "string"},
                "number": {"type": "integer", "description": "1-based, in the set's order"},
                "attempts": {"type": "integer", "description": "First attempts that drew it"},
                "facility": {
                    "type": ["number", "null"],
                    "description": "Mean mark / max mark, 0..1",
                },
                "discrimination": {
                    "type": ["number", "null"],
                    "description": "100 x the correlation of the mark with the rest of the "
                    "test, -100..100; null when undefined",
                },
                "flags": {"type": "array", "items": {"type": "string"}},
                "choices": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["id", "share"],
                        "properties": {
                            "id": {"type": "string"},
                            "text": {"type": "string"},
                            "correct": {"type": "boolean"},
                            "share": {"type": "number", "description": "0..1 of the attempts"},
                            "count": {"type": "integer"},
                            "mean_score": {
                                "type": ["number", "null"],
                                "description": "Mean score (0..1) of those who picked it",
                            },
                        },
                    },
                },
            },
        },
    }
)

_COURSE_ID = path_id("course_id")
_SET_ID = path_id("set_id")

PATHS.update(
    {
        "/courses": {
            "get": {
                "summary": "The courses the caller teaches (instructors) or joined (students)",
                "responses": {
                    "200": json_response(
                        {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["id", "name", "teaching"],
                                "properties": {
                                    "id": {"type": "integer"},
                                    "name": {"type": "string"},
                                    "teaching": {"type": "boolean"},
                                    "join_code": {"type": ["string", "null"]},
                                    "set_count": {"type": "integer"},
                                    "student_count": _NULLABLE_INT,
                                },
                            },
                        },
                        "The courses, by name",
                    ),
                    **error_responses(401),
                },
            },
            "post": {
                "summary": "Create a course (instructors)",
                "requestBody": request_body(
                    {
                        "type": "object",
                        "required": ["name"],
                        "properties": {"name": {"type": "string", "maxLength": 200}},
                    }
                ),
                "responses": {
                    "201": json_response(
                        {
                            "type": "object",
                            "required": ["id", "name", "join_code"],
                            "properties": {
                                "id": {"type": "integer"},
                                "name": {"type": "string"},
                                "join_code": {"type": "string"},
                            },
                        },
                        "The new course and the code students join with",
                    ),
                    **error_responses(400, 401, 403),
                },
            },
        },
        "/courses/join": {
            "post": {
                "summary": "Join a course with its code (students); joining again is harmless",
                "requestBody": request_body(
                    {
                        "type": "object",
                        "required": ["code"],
                        "properties": {"code": {"type": "string"}},
                    }
                ),
                "responses": {
                    "200": json_response(ref("Course"), "The course joined"),
                    **error_responses(400, 401, 403, 404),
                },
            }
        },
        "/courses/{course_id}": {
            "get": {
                "summary": "A course: its sets (and, for its owner, the code and roster)",
                "parameters": [_COURSE_ID],
                "responses": {
                    "200": json_response(ref("Course"), "The course"),
                    **error_responses(401, 404),
                },
            }
        },
        "/courses/{course_id}/sets": {
            "post": {
                "summary": "Attach a set to the course with its options (the owner)",
                "description": "The owner's own sets and public sets can be attached. "
                "Attaching an attached set again changes nothing (200).",
                "parameters": [_COURSE_ID],
                "requestBody": request_body(
                    {
                        "type": "object",
                        "required": ["set_id"],
                        "properties": {
                            "set_id": {"type": "integer"},
                            **_OPTION_PROPERTIES,
                            "review_show_response": {"type": "boolean"},
                            "review_show_correctness": {"type": "boolean"},
                            "review_show_answer": {"type": "boolean"},
                            "review_show_feedback": {"type": "boolean"},
                            "flashcards_open": {
                                "type": "boolean",
                                "description": "Default true: the flashcards follow the "
                                "review options (closed while the quiz is open and its review "
                                "hides the right answers); false: closed to students",
                            },
                        },
                    }
                ),
                "responses": {
                    "201": json_response(ref("CourseSet"), "The set, attached"),
                    "200": json_response(ref("CourseSet"), "The set was already attached"),
                    **error_responses(400, 401, 403, 404),
                },
            }
        },
        "/courses/{course_id}/sets/{set_id}/attempts": {
            "post": {
                "summary": "Start (or resume) an attempt at a set of the course, with the "
                "course's options",
                "parameters": [_COURSE_ID, _SET_ID],
                "responses": START_ATTEMPT_RESPONSES,
            }
        },
        "/courses/{course_id}/gradebook": {
            "get": {
                "summary": "The gradebook: one row per student, the graded score per set",
                "parameters": [_COURSE_ID, *_SORT],
                "responses": {
                    "200": json_response(ref("Gradebook"), "The gradebook"),
                    **error_responses(401, 403, 404),
                },
            }
        },
        "/courses/{course_id}/gradebook.csv": {
            "get": {
                "summary": "The gradebook as CSV (UTF-8 with a byte-order mark)",
                "description": "Cells that would start a spreadsheet formula (=, +, -, @, "
                "tab, carriage return) start with an apostrophe.",
                "parameters": [_COURSE_ID, *_SORT],
                "responses": {
                    "200": {
                        "description": "The CSV file",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    **error_responses(401, 403, 404),
                },
            }
        },
        "/courses/{course_id}/sets/{set_id}/item-analysis": {
            "get": {
                "summary": "Facility, discrimination and choice shares of each question, on "
                "the students' first attempts",
                "parameters": [_COURSE_ID, _SET_ID],
                "responses": {
                    "200": json_response(
                        {"type": "array", "items": ref("ItemStat")}, "Per question"
                    ),
                    **error_responses(401, 403, 404),
                },
            }
        },
    }
)
