"""The article's question bank: the source text, its facts (flashcards) and questions.

* ``article_text()`` is the article exactly as published (shipped as ``article.txt``);
* ``load_bank()`` is the hand-written bank as a ``QuestionSet`` named ``BANK_NAME``.
"""

from question_bank.article.bank import BANK_DESCRIPTION, BANK_NAME, FACTS, load_bank
from question_bank.article.categories import CATEGORIES
from question_bank.article.text import ARTICLE_RESOURCE, article_text

__all__ = [
    "ARTICLE_RESOURCE",
    "BANK_DESCRIPTION",
    "BANK_NAME",
    "CATEGORIES",
    "FACTS",
    "article_text",
    "load_bank",
]
