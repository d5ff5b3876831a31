"""JSON endpoints: courses, joining them, their sets, and the instructor's reports.

The same services as the pages (``services.courses``, ``services.reports``, and
``services.quizzes`` for an attempt started in a course, through ``api.quiz``), so the same
rules: a course that is not the caller's is a 404; reports and attaching sets are for
instructors (403 otherwise).  Their OpenAPI description is ``api.courses_openapi``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from flask import Response, jsonify, request
from flask_login import current_user

from quizapp.api import bp
from quizapp.api.auth import api_instructor_required, api_login_required
from quizapp.api.quiz import start_response
from quizapp.api.routes import json_body, string_field
from quizapp.extensions import db
from quizapp.services import courses, reports
from quizapp.services.errors import ValidationFailed
from quizapp.services.ids import is_id
from quizapp.web import now, send_download


def _time(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def course_set_json(entry: courses.CourseSetView) -> dict[str, Any]:
    o = entry.options
    return {
        "set_id": entry.set_id,
        "name": entry.name,
        "availability": entry.availability,
        "opens_at": _time(o.opens_at),
        "closes_at": _time(o.closes_at),
        "time_limit_seconds": o.time_limit_seconds,
        "attempts_allowed": o.attempts_allowed,
        "grading_method": o.grading_method,
        "shuffle": o.shuffle,
        "feedback_mode": o.feedback_mode,
        "review": {
            "response": o.review_show_response,
            "correctness": o.review_show_correctness,
            "answer": o.review_show_answer,
            "feedback": o.review_show_feedback,
        },
        "flashcards_open": o.flashcards_open,
        "flashcards_now": entry.flashcards_now,
        "exam_date": o.exam_date.isoformat() if o.exam_date else None,
    }


def course_json(page: courses.CoursePage) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": page.id,
        "name": page.name,
        "teaching": page.teaching,
        "sets": [course_set_json(s) for s in page.sets],
    }
    if page.teaching:
        data["join_code"] = page.join_code
        data["students"] = [
            {"id": s.id, "email": s.email, "joined_at": _time(s.joined_at)} for s in page.students
        ]
    return data


# ------------------------------------------------------------------------ the body


_BOOLEANS = (
    "shuffle",
    "review_show_response",
    "review_show_correctness",
    "review_show_answer",
    "review_show_feedback",
    "flashcards_open",
)


def _moment(body: dict[str, Any], name: str) -> datetime | None:
    value = body.get(name)
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError
        moment = datetime.fromisoformat(value)
        # A time without a zone is UTC, as every time the API returns.
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValidationFailed(
            f'"{name}" must be a date and time such as "2026-03-02T09:00:00Z".'
        ) from None


def _day(body: dict[str, Any], name: str) -> date | None:
    value = body.get(name)
    if value is None:
        return None
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed(f'"{name}" must be a date such as "2026-06-15", or null.') from None


def _whole(body: dict[str, Any], name: str) -> int | None:
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValidationFailed(f'"{name}" must be a whole number or null.')
    return value


def _options(body: dict[str, Any]) -> courses.SetOptions:
    """The options in a request body; what it leaves out keeps its default."""
    values: dict[str, Any] = {
        "opens_at": _moment(body, "opens_at"),
        "closes_at": _moment(body, "closes_at"),
        "time_limit_seconds": _whole(body, "time_limit_seconds"),
        "attempts_allowed": _whole(body, "attempts_allowed"),
        "exam_date": _day(body, "exam_date"),
    }
    for name in ("grading_method", "feedback_mode"):
        if name in body:
            if not isinstance(body[name], str):
                raise ValidationFailed(f'"{name}" must be a string.')
            values[name] = body[name]
    for name in _BOOLEANS:
        if name in body:
            if not isinstance(body[name], bool):
                raise ValidationFailed(f'"{name}" must be true or false.')
            values[name] = body[name]
    return courses.SetOptions(**values)


# ------------------------------------------------------------------------- endpoints


@bp.get("/courses")
@api_login_required
def courses_list() -> Response:
    listed = courses.my_courses(db.session, current_user)
    return jsonify(
        [
            {
                "id": c.id,
                "name": c.name,
                "teaching": c.teaching,
                "join_code": c.join_code,
                "set_count": c.set_count,
                "student_count": c.student_count if c.teaching else None,
            }
            for c in listed
        ]
    )


@bp.post("/courses")
@api_instructor_required
def courses_create() -> tuple[Response, int]:
    body = json_body()
    course = courses.create_course(
        db.session,
        owner=current_user,
        name=string_field(body, "name", max_length=courses.MAX_COURSE_NAME),
        now=now(),
    )
    return jsonify({"id": course.id, "name": course.name, "join_code": course.join_code}), 201


@bp.post("/courses/join")
@api_login_required
def courses_join() -> Response:
    body = json_body()
    page = courses.join_and_show(
        db.session, user=current_user, code=string_field(body, "code", max_length=40), now=now()
    )
    return jsonify(course_json(page))


@bp.get("/courses/<int:course_id>")
@api_login_required
def courses_get(course_id: int) -> Response:
    page = courses.course_page(db.session, user=current_user, course_id=course_id, now=now())
    return jsonify(course_json(page))


@bp.post("/courses/<int:course_id>/sets")
@api_instructor_required
def courses_attach(course_id: int) -> tuple[Response, int]:
    body = json_body()
    set_id = body.get("set_id")
    if not is_id(set_id):
        raise ValidationFailed('"set_id" is required and must be a set\'s id.')
    entry, created = courses.attach_set(
        db.session,
        owner=current_user,
        course_id=course_id,
        set_id=set_id,
        options=_options(body),
        now=now(),
    )
    return jsonify(course_set_json(entry)), 201 if created else 200


@bp.post("/courses/<int:course_id>/sets/<int:set_id>/attempts")
@api_login_required
def courses_start(course_id: int, set_id: int) -> tuple[Response, int]:
    return start_response(set_id, course_id=course_id)


def _sorting() -> dict[str, Any]:
    return {
        "sort": request.args.get("sort", "student"),
        "descending": request.args.get("order") == "desc",
    }


@bp.get("/courses/<int:course_id>/gradebook")
@api_instructor_required
def courses_gradebook(course_id: int) -> Response:
    book = reports.gradebook(db.session, owner=current_user, course_id=course_id, **_sorting())
    return jsonify(
        {
            "course_id": book.course_id,
            "sets": [
                {"id": c.set_id, "name": c.name, "grading_method": c.grading_method}
                for c in book.columns
            ],
            "rows": [
                {
                    "student_id": row.student_id,
                    "email": row.email,
                    "grades": [
                        {
                            "set_id": column.set_id,
                            "percent": None if grade is None else round(grade * 100, 4),
                            "attempts": count,
                        }
                        for column, grade, count in zip(
                            book.columns, row.grades, row.attempts, strict=True
                        )
                    ],
                }
                for row in book.rows
            ],
        }
    )


@bp.get("/courses/<int:course_id>/gradebook.csv")
@api_instructor_required
def courses_gradebook_csv(course_id: int) -> Response:
    return send_download(
        reports.gradebook_file(db.session, owner=current_user, course_id=course_id, **_sorting())
    )


@bp.get("/courses/<int:course_id>/sets/<int:set_id>/item-analysis")
@api_instructor_required
def courses_item_analysis(course_id: int, set_id: int) -> Response:
    analysis = reports.item_analysis(
        db.session, owner=current_user, course_id=course_id, set_id=set_id
    )
    return jsonify(
        [
            {
                "question_id": item.question_id,
                "number": item.number,
                "attempts": item.attempts,
                "facility": item.facility,
                "discrimination": item.discrimination,
                "flags": list(item.flags),
                "choices": [
                    {
                        "id": c.id,
                        "text": c.text,
                        "correct": c.correct,
                        "share": c.share,
                        "count": c.count,
                        "mean_score": c.mean_score,
                    }
                    for c in item.choices
                ],
            }
            for item in analysis.items
        ]
    )
