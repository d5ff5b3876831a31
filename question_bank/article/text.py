"""The source article, shipped inside the package byte for byte."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

#: The file name of the article inside the ``question_bank.article`` package.
ARTICLE_RESOURCE = "article.txt"


@lru_cache(maxsize=1)
def article_text() -> str:
    """The article as published (UTF-8; curly quotes and no-break spaces kept)."""
    data = resources.files(__package__).joinpath(ARTICLE_RESOURCE).read_bytes()
    return data.decode("utf-8")
