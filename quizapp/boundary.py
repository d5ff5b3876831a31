"""The input boundary: what no view, service or database ever sees.

Every request is checked before its view runs, on both engines alike:

* **Characters no database stores.**  NUL (U+0000: PostgreSQL refuses it in text and JSON,
  SQLite keeps it and cuts strings short on the way out) and lone surrogates (U+D800 to
  U+DFFF alone: not text, they cannot be written as UTF-8 at all) in the path, the query
  string, a form's names and values, an uploaded file's name, or anywhere in a JSON body
  (names and values).  Refused with a 400 that says where.
* **JSON bodies** are parsed here (Flask's ``request.get_json`` goes through
  ``BoundaryJSONProvider``): nesting deeper than ``MAX_JSON_DEPTH``, whole numbers beyond
  64 bits (no database column holds them, and Python takes quadratic time to read thousands
  of digits) and ``NaN``/``Infinity`` (not JSON, and PostgreSQL's JSON refuses them) are a
  400, and so is a body that is not JSON at all, instead of a view guessing.

The limits on each field (a time limit's range, a setting's form) stay with the services
that own them; this module refuses what no field could use.  A refusal is a
``ValidationFailed`` with code ``bad_input``: an error page, or a JSON error for the API.
"""

from __future__ import annotations

import json
import math
from typing import Any

from flask import Flask, request
from flask.json.provider import DefaultJSONProvider

from quizapp.services.errors import ValidationFailed

#: Deeper than any body the API takes (a matching answer is 2 levels deep).
MAX_JSON_DEPTH = 32
#: The largest whole number a database column holds (a signed 64-bit integer).
MAX_WHOLE = 2**63 - 1
_MAX_DIGITS = len(str(MAX_WHOLE))
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class BadInput(ValidationFailed):
    code = "bad_input"


def problem_in(text: str) -> str | None:
    """What makes ``text`` unstorable, in words; None when it is fine."""
    if "\x00" in text:
        return "a NUL character (U+0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "a lone surrogate (a broken character, U+D800 to U+DFFF)"
    return None


def _refuse(where: str, problem: str) -> BadInput:
    return BadInput(f"{where} holds {problem}, which cannot be stored. Remove it and try again.")


def _check(where: str, text: str) -> None:
    problem = problem_in(text)
    if problem is not None:
        raise _refuse(where, problem)


def check_request() -> None:
    """The path, the query string and a form (names, values, file names); a JSON body is
    checked by parsing it (``BoundaryJSONProvider``)."""
    _check("The address", request.path)
    for name, value in request.args.items(multi=True):
        _check("The address", name)
        _check(f'The query parameter "{name[:40]}"', value)
    if request.mimetype in FORM_TYPES:
        for name, value in request.form.items(multi=True):
            _check("A form field's name", name)
            _check(f'The field "{name[:40]}"', value)
        for name, upload in request.files.items(multi=True):
            _check("A form field's name", name)
            _check("The file's name", upload.filename or "")
    if request.is_json:
        request.get_json(silent=True)


def _whole(digits: str) -> int:
    if len(digits.lstrip("-")) > _MAX_DIGITS or abs(int(digits)) > MAX_WHOLE:
        raise BadInput(f"A number in the body is too large: whole numbers go up to {MAX_WHOLE:,}.")
    return int(digits)


def _real(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadInput(f"A number in the body is too large: {text[:40]}.")
    return value


def _constant(name: str) -> Any:
    raise BadInput(f"{name} is not a number JSON knows: send a number, or a string.")


def check_json(data: Any) -> None:
    """Every string (keys too) of a parsed body, and how deep it nests; iterative, so that
    a deep body cannot exhaust the stack here either."""
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list) and depth > MAX_JSON_DEPTH:
            raise BadInput(f"The body nests deeper than {MAX_JSON_DEPTH} levels.")
        if isinstance(value, str):
            _check("A text in the body", value)
        elif isinstance(value, dict):
            for key, item in value.items():
                _check("A name in the body", key)
                pending.append((item, depth + 1))
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)


def parse_json(text: str | bytes) -> Any:
    """A request body as JSON, checked (see the module's docstring)."""
    try:
        data = json.loads(text, parse_int=_whole, parse_float=_real, parse_constant=_constant)
    except RecursionError:
        raise BadInput(f"The body nests deeper than {MAX_JSON_DEPTH} levels.") from None
    except UnicodeDecodeError:
        raise BadInput("The body is not UTF-8 text.") from None
    except ValueError as error:
        raise BadInput(f"The body is not valid JSON: {str(error)[:200]}.") from None
    check_json(data)
    return data


class BoundaryJSONProvider(DefaultJSONProvider):
    """Flask's JSON, with request bodies read by ``parse_json``."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        return parse_json(s)


def register(app: Flask) -> None:
    app.json = BoundaryJSONProvider(app)
    app.before_request(check_request)
