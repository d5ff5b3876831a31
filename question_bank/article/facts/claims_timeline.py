"""The article bank's facts: causes and claims on the political front, and the timeline.

Why the offensive stopped in October 2018 and was in jeopardy in December 2018, why the US
kept troops and why they deterred Turkey, what the SDF was (US-backed), and the one
ordering question: the last campaign from September 2018 to the SDF's declaration.  Like
``claims``, every fact is in "causes and claims" and tagged "understanding".

Dates: the article gives a year only for "September 2018"; the months after it ("Since
September ... in October", "In December", "In February", "early in March") follow it, so
the cards date them 2018 and 2019.
"""

from __future__ import annotations

from question_bank.article.builder import FactSpec, mc, order, tf
from question_bank.article.facts.claims import SDF_DECLARATION, claim

ALLIES: tuple[FactSpec, ...] = (
    claim(
        "sdf-us-backed",
        "spokesman of the US-backed group",
        mc(
            "q-sdf-backer-mc",
            "On whose side was the SDF, as the article describes the group when it quotes its "
            "spokesman?",
            (
                "Backed by the US, for the coalition",
                'Right: Mustafa Bali is the "spokesman of the US-backed group", which '
                "forwarded the coalition's cause.",
            ),
            (
                "Backed by Russia, for Damascus",
                'The article does write "with support from Russia and Iran", but that clause '
                'describes those regaining territory "from armed rebel groups": the Syrian '
                "government's backers.",
            ),
            (
                "Backed by Turkey, on its border",
                "Turkey threatened to launch operations against the SDF; the two were US "
                "allies kept apart by US forces.",
            ),
            (
                "Backed by Iran, against armed rebels",
                "The article has Russia and Iran regaining Syrian territory from armed rebel "
                "groups, as the Syrian government's backers do; the SDF is \"the US-backed "
                'group".',
            ),
        ),
        front="Which country backed the Syrian Democratic Forces (SDF) in the war on ISIS, as "
        "the article describes them?",
        back='The US: the article calls the SDF "the US-backed group"',
        tags=("sdf",),
    ),
    claim(
        "turkey-and-sdf-us-allies",
        "But the presence of US forces acted as a deterrent to a conflict between the two US "
        "allies.",
        mc(
            "q-deterrence-why-mc",
            "Why, as the article explains it, could US forces in Syria deter a conflict "
            "between Turkey and the SDF?",
            (
                "Both sides were allies of the US",
                'Right: the article calls Turkey and the SDF "the two US allies".',
            ),
            (
                "Both sides were fighting for Damascus",
                "Neither was: the SDF forwarded the US-led coalition's cause, and Turkey is a "
                "US ally.",
            ),
            (
                "The UN had sent peacekeepers there",
                'The article names no UN force; the "peacekeeping" force was the 200 US '
                "troops left in February 2019.",
            ),
            (
                "Russia had guaranteed the border",
                "The article gives Russia no such role: it appears across the river at Baghouz.",
            ),
        ),
        tf(
            "q-deterrence-tf",
            "The article presents Turkey and the SDF as partners of the same power, whose "
            "troops kept them from fighting each other.",
            True,
            if_wrong='The article calls them "the two US allies" and says the presence of US '
            'forces "acted as a deterrent" to a conflict between them.',
        ),
        front="Why could the presence of US forces in Syria deter a conflict between Turkey "
        "and the SDF?",
        back="Both were allies of the US",
        tags=("turkey", "us-policy"),
    ),
)

TIMELINE: tuple[FactSpec, ...] = (
    claim(
        "turkish-threat-stopped-offensive",
        "a Turkish threat to launch operations against the SDF in northern Syria in October, "
        "causing the operation to stop",
        mc(
            "q-october-stop-mc",
            "Why, according to the article, did the SDF's operation against ISIS stop in "
            "October 2018?",
            (
                "Turkey threatened to attack the SDF",
                "Right: a Turkish threat to launch operations against the SDF in northern "
                "Syria caused the operation to stop.",
            ),
            (
                "The US withdrew its troops from Syria",
                "The US announced its withdrawal in December 2018, after the stop, and "
                "reversed it in February 2019.",
            ),
            (
                "ISIS agreed to a ceasefire at Baghouz",
                "The article mentions no ceasefire; the militants fought back with snipers, "
                "suicide bombs and booby traps.",
            ),
            (
                "Heavy losses forced the SDF to regroup",
                "The SDF's 11,000 dead were over the whole operation; the article gives "
                "Turkey's threat as the reason for the stop.",
            ),
        ),
        front="What stopped the SDF's operation against ISIS in October 2018?",
        back="A Turkish threat to launch operations against the SDF in northern Syria",
        tags=("turkey", "timeline"),
    ),
    claim(
        "withdrawal-put-operation-in-jeopardy",
        "In December, the US announced full withdrawal from Syria, throwing the anti-ISIS "
        "operation under the bus.",
        mc(
            "q-withdrawal-effect-mc",
            "What, according to the article, did the US announcement of full withdrawal from "
            "Syria in December 2018 do to the fight against ISIS?",
            (
                "It put the anti-ISIS operation in jeopardy",
                'Right: it threw "the anti-ISIS operation under the bus"; earlier the article '
                'says it threw "the entire operation in jeopardy".',
            ),
            (
                "It ended Turkey's threat against the SDF",
                "US forces were what deterred Turkey; announcing their withdrawal removed the "
                "deterrent, not the threat.",
            ),
            (
                "It let the offensive restart at a faster pace",
                "The offensive restarted in late February 2019, after the US had reversed "
                "the withdrawal.",
            ),
            (
                "It handed Baghouz over to the Syrian regime",
                "Baghouz fell to the SDF and the coalition; the article says nothing of "
                "handing it over.",
            ),
        ),
        order(
            "q-defeat-timeline-order",
            "Put these turns of the last campaign against the ISIS caliphate in Syria in the "
            "order the article gives them, earliest first.",
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
                    "The US announces full withdrawal from Syria",
                    "In December, the US announced full withdrawal from Syria",
                ),
                (
                    "The US reverses the withdrawal, and the offensive restarts",
                    "In February, the US reversed Trump's order",
                ),
                (
                    "The Guardian describes the caliphate as a hellscape",
                    "the Guardian reported early in March that the ISIS caliphate was a "
                    "hellscape of smoke and fire",
                ),
                ("The SDF declares the territorial defeat of ISIS", SDF_DECLARATION),
            ],
            feedback="September 2018: the SDF's offensive begins. October 2018: a Turkish "
            "threat stops it. December 2018: the US announces full withdrawal. February 2019: "
            "the US reverses the order, and late that month the offensive restarts. Early "
            'March 2019: the Guardian\'s "hellscape of smoke and fire". Then the SDF declares '
            "the territorial defeat of ISIS. (The article gives the year only for September "
            "2018; the months that follow it run into 2019.)",
        ),
        front="After Turkey's threat of October 2018, what put the operation against ISIS in "
        "jeopardy in December 2018?",
        back="The US announcement of full withdrawal from Syria",
        tags=("us-policy", "timeline"),
    ),
)

FACTS: tuple[FactSpec, ...] = (*ALLIES, *TIMELINE)
