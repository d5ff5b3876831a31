"""JSON endpoints: quiz."""

from __future__ import annotations
