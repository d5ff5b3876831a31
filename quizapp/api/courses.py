"""JSON endpoints: courses."""

from __future__ import annotations
