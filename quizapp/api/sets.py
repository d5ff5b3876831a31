"""JSON endpoints: sets."""

from __future__ import annotations
