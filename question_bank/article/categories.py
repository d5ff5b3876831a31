"""The seed article's own categories: who, when, where and what came of it.

Only the article's bank uses these four; any other set's categories are whatever its
instructor named them (``question_bank.categories``).
"""

CATEGORIES = ("actor", "date", "place", "outcome")
