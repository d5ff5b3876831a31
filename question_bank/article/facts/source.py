"""The article bank's facts: source."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    fact,
    mc,
    short,
)

FACTS: tuple[FactSpec, ...] = (
    fact(
        "author-prarthana-mitra",
        "actor",
        "Prarthana Mitra is a Staff Writer at Qrius",
        short(
            "q-author-sa",
            "Who wrote the article?",
            "Prarthana Mitra",
            "Mitra",
        ),
        mc(
            "q-publication-mc",
            "For which publication is the article's author a staff writer?",
            "Qrius",
            "The Guardian",
            "Scroll.in",
            "ThePrint",
        ),
        front='Who wrote "When the end isn\'t really the end", and for whom?',
        back="Prarthana Mitra, a staff writer at Qrius",
        tags=("source",),
    ),
)
