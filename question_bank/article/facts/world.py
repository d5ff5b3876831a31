"""The article bank's facts: ISIS in the world."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    fact,
    matching,
    mr,
    short,
)

FACTS: tuple[FactSpec, ...] = (
    fact(
        "insurgencies-continue",
        "place",
        "ISIS-led insurgencies continue in the far-flung corners of the globe—Nigeria, Libya, "
        "Egypt's Sinai Peninsula, Afghanistan, and the Philippines",
        mr(
            "q-insurgencies-mr",
            "Where, according to the article, do ISIS-led insurgencies continue? Choose all "
            "that apply.",
            ["Nigeria", "Libya", "Egypt's Sinai Peninsula", "Afghanistan", "The Philippines"],
            ["Bangladesh", "Somalia", "Indonesia"],
        ),
        short(
            "q-sinai-sa",
            "In which Egyptian peninsula does an ISIS-led insurgency continue, according to the "
            "article?",
            "Sinai",
            "Sinai Peninsula",
            "The Sinai",
        ),
        front="Where do ISIS-led insurgencies continue?",
        back="Nigeria, Libya, Egypt's Sinai Peninsula, Afghanistan and the Philippines",
        tags=("global",),
    ),
    fact(
        "aspiring-branches",
        "place",
        "with aspiring branches in Bangladesh, Somalia, and Indonesia",
        matching(
            "q-branches-match",
            "Match each place with how the article describes ISIS's presence there.",
            [
                ("Nigeria", "An ISIS-led insurgency continues"),
                ("Bangladesh", "An aspiring branch"),
                ("The Philippines", "An ISIS-led insurgency continues"),
                ("Somalia", "An aspiring branch"),
                ("Libya", "An ISIS-led insurgency continues"),
                ("Indonesia", "An aspiring branch"),
            ],
            quote="ISIS-led insurgencies continue in the far-flung corners of the globe—Nigeria, "
            "Libya, Egypt's Sinai Peninsula, Afghanistan, and the Philippines, with aspiring "
            "branches in Bangladesh, Somalia, and Indonesia.",
        ),
        mr(
            "q-aspiring-branches-mr",
            "In which countries does the article say ISIS has aspiring branches?",
            ["Bangladesh", "Somalia", "Indonesia"],
            ["Nigeria", "Libya"],
        ),
        front="Where does ISIS have aspiring branches?",
        back="Bangladesh, Somalia and Indonesia",
        tags=("global",),
    ),
)
