"""The article bank's facts: ISIS in the world.

The five places where ISIS-led insurgencies continue were one card (a set of five); they
are three now, each a pair or one place the front narrows down (Africa, Egypt, Asia).
"""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    fact,
    matching,
    mr,
    short,
)

INSURGENCIES = (
    "ISIS-led insurgencies continue in the far-flung corners of the globe—Nigeria, Libya, "
    "Egypt's Sinai Peninsula, Afghanistan, and the Philippines"
)
INSURGENCIES_AND_BRANCHES = (
    f"{INSURGENCIES}, with aspiring branches in Bangladesh, Somalia, and Indonesia."
)
BRANCH_FEEDBACK = "Bangladesh, Somalia and Indonesia have aspiring branches, not insurgencies."

FACTS: tuple[FactSpec, ...] = (
    fact(
        "insurgencies-nigeria-libya",
        "place",
        "Nigeria, Libya",
        mr(
            "q-insurgencies-mr",
            "Where, according to the article, do ISIS-led insurgencies continue? Choose all "
            "that apply.",
            [
                ("Nigeria", "Right: an ISIS-led insurgency continues there."),
                ("Libya", "Right: an ISIS-led insurgency continues there."),
                ("Egypt's Sinai Peninsula", "Right: an ISIS-led insurgency continues there."),
                ("Afghanistan", "Right: an ISIS-led insurgency continues there."),
                ("The Philippines", "Right: an ISIS-led insurgency continues there."),
            ],
            [
                ("Bangladesh", BRANCH_FEEDBACK),
                ("Somalia", BRANCH_FEEDBACK),
                ("Indonesia", BRANCH_FEEDBACK),
            ],
            quote=INSURGENCIES,
        ),
        front="Besides Egypt's Sinai, in which two African countries does the article say "
        "ISIS-led insurgencies continue?",
        back="Nigeria and Libya",
        tags=("global",),
    ),
    fact(
        "insurgency-sinai",
        "place",
        "Egypt's Sinai Peninsula",
        short(
            "q-sinai-sa",
            "Besides Nigeria, Libya, Afghanistan and the Philippines, where does the article "
            "say an ISIS-led insurgency continues?",
            "Egypt's Sinai Peninsula",
            "Sinai Peninsula",
            "Sinai",
            "The Sinai",
            "Egypt's Sinai",
            "Egypt",
            "Sinai, Egypt",
            feedback="In Egypt's Sinai Peninsula, one of the far-flung corners of the globe "
            "where ISIS-led insurgencies continue.",
        ),
        front="In which part of Egypt does the article say an ISIS-led insurgency continues?",
        back="The Sinai Peninsula",
        tags=("global",),
    ),
    fact(
        "insurgencies-afghanistan-philippines",
        "place",
        "Afghanistan, and the Philippines",
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
            feedback="Insurgencies continue in Nigeria, Libya, Egypt's Sinai Peninsula, "
            "Afghanistan and the Philippines; Bangladesh, Somalia and Indonesia have aspiring "
            "branches.",
            quote=INSURGENCIES_AND_BRANCHES,
        ),
        front="In which two countries of Asia does the article say ISIS-led insurgencies continue?",
        back="Afghanistan and the Philippines",
        tags=("global",),
    ),
    fact(
        "aspiring-branches",
        "place",
        "with aspiring branches in Bangladesh, Somalia, and Indonesia",
        mr(
            "q-aspiring-branches-mr",
            "In which countries does the article say ISIS has aspiring branches?",
            [
                ("Bangladesh", "Right: an aspiring branch."),
                ("Somalia", "Right: an aspiring branch."),
                ("Indonesia", "Right: an aspiring branch."),
            ],
            [
                ("Nigeria", "In Nigeria an ISIS-led insurgency continues: more than a branch."),
                ("Libya", "In Libya an ISIS-led insurgency continues: more than a branch."),
            ],
        ),
        front="In which three countries does the article say ISIS has aspiring branches?",
        back="Bangladesh, Somalia and Indonesia",
        tags=("global",),
    ),
)
