"""JSON endpoints: review."""

from __future__ import annotations
