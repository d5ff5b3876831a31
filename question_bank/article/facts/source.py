"""The article bank's facts: source (who wrote the article, and for whom: two cards)."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    fact,
    mc,
    short,
)

FACTS: tuple[FactSpec, ...] = (
    fact(
        "article-author",
        "actor",
        "Prarthana Mitra",
        short(
            "q-author-sa",
            "Who wrote the article?",
            "Prarthana Mitra",
            "Mitra",
            feedback="Prarthana Mitra, a staff writer at Qrius.",
        ),
        front="Who wrote the 2019 article \"When the end isn't really the end: What the defeat "
        'of ISIS really means"?',
        back="Prarthana Mitra",
        tags=("source",),
    ),
    fact(
        "article-publication",
        "actor",
        "a Staff Writer at Qrius",
        mc(
            "q-publication-mc",
            "For which publication is the article's author a staff writer?",
            ("Qrius", "Right: Prarthana Mitra is a staff writer at Qrius."),
            (
                "The Guardian",
                "The article cites a Guardian report on Baghouz; its author writes for Qrius.",
            ),
            ("Scroll.in", "The article does not mention Scroll.in; its author writes for Qrius."),
            ("ThePrint", "The article does not mention ThePrint; its author writes for Qrius."),
        ),
        front="For which publication is Prarthana Mitra, the author of the article on the "
        "defeat of ISIS, a staff writer?",
        back="Qrius",
        tags=("source",),
    ),
)
