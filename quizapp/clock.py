"""The one source of "now".

Services never call ``datetime.now()``: routes ask ``current_now()`` and pass the time in,
so tests and demos can freeze or move the clock (``FrozenClock``) instead of sleeping.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import current_app


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock:
    """A clock that stands still until moved: ``clock.advance(days=3)``."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self.current = start.astimezone(UTC)

    def now(self) -> datetime:
        return self.current

    def advance(self, delta: timedelta | None = None, **kwargs: float) -> datetime:
        self.current += delta if delta is not None else timedelta(**kwargs)
        return self.current

    def set(self, moment: datetime) -> None:
        self.current = moment.astimezone(UTC)


def current_now() -> datetime:
    """Now, from the app's clock (``app.extensions["clock"]``)."""
    return current_app.extensions["clock"].now()
