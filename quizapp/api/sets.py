"""JSON endpoints: the sets the caller can take."""

from __future__ import annotations

from flask import Response, jsonify
from flask_login import current_user

from quizapp.api import bp
from quizapp.api.auth import api_login_required
from quizapp.api.openapi import PATHS, SCHEMAS, error_responses
from quizapp.extensions import db
from quizapp.services import quizzes


@bp.get("/sets")
@api_login_required
def list_sets() -> Response:
    sets = quizzes.takeable_sets(db.session, current_user)
    return jsonify([{"id": s.id, "name": s.name, "question_count": s.question_count} for s in sets])


SCHEMAS.update(
    {
        "SetSummary": {
            "type": "object",
            "required": ["id", "name", "question_count"],
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "question_count": {
                    "type": "integer",
                    "description": "How many questions an attempt at this set draws.",
                },
            },
        }
    }
)

PATHS.update(
    {
        "/sets": {
            "get": {
                "summary": "The question sets the caller can take",
                "responses": {
                    "200": {
                        "description": "Public sets and the caller's own, built-in banks first",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/SetSummary"},
                                }
                            }
                        },
                    },
                    **error_responses(401),
                },
            }
        }
    }
)
