"""A file a service hands to a page or the API to send as a download."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Download:
    filename: str
    #: With its charset where it is text ("text/csv; charset=utf-8").
    media_type: str
    content: bytes
