"""What counts as a database id, checked once for every way an id arrives (path, query,
JSON body): a whole number an INTEGER column can hold (32-bit on PostgreSQL).  Anything
else is unknown, never an overflow in the driver."""

from __future__ import annotations

from typing import Any

MAX_ID = 2**31 - 1


def is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_ID


def parse_id(text: str | None) -> int | None:
    """An id written in a query string, or None when it is not one."""
    if text is None:
        return None
    text = text.strip()
    if not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if is_id(value) else None
