"""Shared fixtures (filled in by the foundation work)."""
