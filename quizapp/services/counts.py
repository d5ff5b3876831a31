"""Counting rows per owner in one grouped query: the one shape of the services' counts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def grouped_count(session: Session, key: Any, counted: Any, *where: Any) -> dict[Any, int]:
    """``{key: how many}`` of the rows matching ``where``, grouped by ``key``: one column,
    or a tuple of columns (the keys are then tuples).  Keys without rows are absent: read
    with ``.get(key, 0)``."""
    keys = key if isinstance(key, tuple) else (key,)
    query = select(*keys, func.count(counted)).where(*where).group_by(*keys)
    rows = session.execute(query).all()
    if isinstance(key, tuple):
        return {tuple(row[:-1]): int(row[-1]) for row in rows}
    return {row[0]: int(row[1]) for row in rows}
