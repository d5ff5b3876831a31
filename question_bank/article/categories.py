"""The seed article's own categories: who, when, where, what came of it, and why.

The first four hold recall of the article's facts; "causes and claims" holds the questions
that test understanding: the article's argument, why things happened, and who claims what.
Only the article's bank uses these five; any other set's categories are whatever its
instructor named them (``question_bank.categories``).
"""

#: The category of the understanding questions (each also tagged ``UNDERSTANDING``).
CAUSES_AND_CLAIMS = "causes and claims"
#: The tag that marks a question (and its card) as testing understanding, not recall.
UNDERSTANDING = "understanding"

CATEGORIES = ("actor", "date", "place", "outcome", CAUSES_AND_CLAIMS)
