"""Draft questions from any plain-text article, by rule (no model, standard library only).

``draft_questions(text)`` reads the article sentence by sentence (a long sentence is cut at
its semicolons) and proposes one draft per thing worth asking about:

* dates (``September 2018``, ``late February``, ``last December``, ``2014``, ``Saturday``)
  and figures (``11,000``, ``1.5``, ``100 per cent``, ``eight``) become short-answer
  questions that show the sentence with a gap;
* named actors and places (capitalised names, one word or several: ``Human Rights Watch``,
  ``Deir ez-Zor``, ``Recep Tayyip Erdogan``) become cloze questions with one blank.

Each draft keeps the sentence it comes from as its ``source`` (exact quote and offsets), a
category guessed from the words around it, and a stable id made from the quote and the
answer, so that the same article always gives the same drafts.  Headings, bylines, links,
questions and tag lines are skipped, as are names that the sentence gives away elsewhere
and names so common in the article (its subject, say "ISIS") that blanking them teaches
nothing.  Drafts are proposals for an instructor to review, not finished questions.

``coverage(drafts, bank)`` says what share of a hand-written bank's facts (its cards) the
drafts propose unprompted: a fact counts when a draft's blank has the fact's answer and the
draft's quote overlaps the fact's quote.

The package reads the article into sentences (``sentences``) with the words and patterns of
``vocabulary``, finds what is worth asking in each (``candidates``), makes the drafts
(``drafts``) and measures them against a bank (``coverage``).
"""

from __future__ import annotations

from question_bank.drafting.candidates import Candidate
from question_bank.drafting.coverage import coverage, fact_answers, proposed_facts
from question_bank.drafting.drafts import draft_by_rules
from question_bank.drafting.engine import (
    draft_cards,
    draft_questions,
    draft_with_cards,
    engine,
    fallback_note,
)
from question_bank.drafting.sentences import Span, sentences

__all__ = [
    "Candidate",
    "Span",
    "coverage",
    "draft_by_rules",
    "draft_cards",
    "draft_questions",
    "draft_with_cards",
    "engine",
    "fallback_note",
    "fact_answers",
    "proposed_facts",
    "sentences",
]
