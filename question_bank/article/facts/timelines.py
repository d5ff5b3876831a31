"""The article bank's facts: timelines."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    fact,
    order,
)

FACTS: tuple[FactSpec, ...] = (
    fact(
        "timeline-final-offensive",
        "date",
        "In September 2018, the SDF launched a major offensive in a small area along the "
        "Euphrates river to defeat ISIS",
        order(
            "q-final-offensive-order",
            "Put these events of the last offensive against ISIS in Syria in the order they "
            "happened, earliest first.",
            [
                (
                    "The SDF launches a major offensive along the Euphrates",
                    "In September 2018, the SDF launched a major offensive in a small area "
                    "along the Euphrates river to defeat ISIS",
                ),
                (
                    "A Turkish threat against the SDF makes the operation stop",
                    "a Turkish threat to launch operations against the SDF in northern Syria "
                    "in October, causing the operation to stop",
                ),
                (
                    "The offensive restarts, faster than the battles for Mosul and Raqqa",
                    "Late February, however, the offensive restarted at a pace unlike any of "
                    "the earlier major battles for Mosul and Raqqa",
                ),
                (
                    "The Guardian reports the caliphate is a hellscape of smoke and fire",
                    "the Guardian reported early in March that the ISIS caliphate was a "
                    "hellscape of smoke and fire",
                ),
                (
                    "The SDF declares the 100 per cent territorial defeat of ISIS",
                    "Syrian Democratic Forces declare total elimination of so-called "
                    "caliphate and 100 per cent territorial defeat of Isis",
                ),
            ],
            feedback="September 2018, October, late February, early March, then the SDF's "
            "declaration of victory.",
        ),
        front="In what order did the last offensive against ISIS in Syria unfold, from "
        "September 2018?",
        back="The SDF's offensive along the Euphrates (September 2018); stopped by a Turkish "
        "threat (October); restarted (late February); a hellscape of smoke and fire (early "
        "March); the SDF declares ISIS's territorial defeat",
        tags=("timeline", "final-offensive"),
    ),
    fact(
        "timeline-us-policy",
        "date",
        "In December, the US announced full withdrawal from Syria",
        order(
            "q-us-policy-order",
            "Put these turns of the political front in the order they happened, earliest first.",
            [
                (
                    "Turkey threatens to launch operations against the SDF",
                    "a Turkish threat to launch operations against the SDF in northern Syria "
                    "in October",
                ),
                (
                    "The US announces full withdrawal from Syria",
                    "In December, the US announced full withdrawal from Syria",
                ),
                (
                    "The US decides to leave a force of 200 troops in Syria",
                    "In February, the US reversed Trump's order and decided to leave a "
                    '"peacekeeping" force of 200 troops in Syria',
                ),
            ],
            grading="relative_next_include_last",
            feedback="October, December, then February: graded by the item that follows each.",
        ),
        front="In what order did the Turkish threat, the US withdrawal and its reversal come?",
        back="The Turkish threat (October); the US announces full withdrawal (December); the "
        "US reverses it and keeps 200 troops (February)",
        tags=("timeline", "us-policy"),
    ),
    fact(
        "timeline-caliphate-history",
        "date",
        "participated in the Iraqi insurgency following the 2003 invasion of Iraq",
        order(
            "q-caliphate-history-order",
            "Put these moments in the history of ISIS and Syria in the order they happened, "
            "earliest first.",
            [
                (
                    "ISIS fights in the Iraqi insurgency after the US-led invasion of Iraq",
                    "participated in the Iraqi insurgency following the 2003 invasion of Iraq",
                ),
                ("The war in Syria breaks out", "since the war broke out in 2011"),
                (
                    "Abu Bakr Al-Baghdadi declares his so-called caliphate",
                    "declared his so-called caliphate in 2014",
                ),
                (
                    "The YPG holds Kobani, backed by the newly formed coalition",
                    "put up a fierce resistance in 2015, supported for the first time by the "
                    "newly formed coalition",
                ),
                (
                    "The caliphate is declared defeated",
                    "was declared as defeated after taking a battering over the last eight months",
                ),
            ],
            feedback="2003, 2011, 2014, 2015, then 2019.",
        ),
        front="Put in order: the Iraqi insurgency, the war in Syria, the caliphate, Kobani, "
        "the defeat.",
        back="The Iraqi insurgency (after 2003); the war in Syria (2011); the caliphate "
        "declared (2014); Kobani (2015); the caliphate declared defeated (2019)",
        tags=("timeline", "caliphate-history"),
    ),
)
