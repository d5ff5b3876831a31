"""The article bank's facts: the battle.

Those allowed to flee at the end were, the article says, mostly "surrendering supporters
of ISIS": the bank never calls them civilians.
"""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    fact,
    mc,
    mr,
    num,
    tf,
)
from question_bank.article.categories import CAUSES_AND_CLAIMS as UNDERSTANDING

FACTS: tuple[FactSpec, ...] = (
    fact(
        "militant-tactics",
        "outcome",
        "militants began fighting back with snipers, suicide bombs, and booby traps",
        mr(
            "q-militant-tactics-mr",
            "As soon as the coalition launched the offensive, what did the militants fight back "
            "with? Choose all that the article names.",
            [
                ("Snipers", "Right: one of the three the article names."),
                ("Suicide bombs", "Right: one of the three the article names."),
                ("Booby traps", "Right: one of the three the article names."),
            ],
            [
                ("Chemical weapons", "The article does not mention chemical weapons."),
                ("Armed drones", "The article does not mention drones."),
            ],
        ),
        front="How did the militants fight back at Baghouz?",
        back="With snipers, suicide bombs and booby traps",
        note="The article names three: snipers, suicide bombs and booby traps, used as soon "
        "as the offensive began.",
        tags=("baghouz",),
    ),
    fact(
        "civilians-slowed-advance",
        "outcome",
        "Presence of thousands of civilians, many of whom were caught in the crossfire, slowed "
        "the final advance",
        tf(
            "q-civilians-slowed-tf",
            "The last push on Baghouz was held up by the thousands of civilians still inside, "
            "many of them trapped between the two sides.",
            True,
            if_wrong="It is true: the presence of thousands of civilians, many caught in the "
            "crossfire, slowed the final advance.",
        ),
        front="What slowed the final advance on Baghouz?",
        back="The presence of thousands of civilians, many caught in the crossfire",
        note="Thousands of civilians were still in the enclave, many caught in the crossfire, "
        "and their presence slowed the final advance.",
        tags=("baghouz", "civilians"),
    ),
    fact(
        "human-rights-watch-concern",
        "actor",
        "Human Rights Watch expressed concern for the exodus and those held hostages in ISIS "
        "holdout",
        mc(
            "q-hrw-mc",
            "Which organisation expressed concern for the exodus and for those held hostage in "
            "the ISIS holdout?",
            "Human Rights Watch",
            ("Amnesty International", "The article names Human Rights Watch, not Amnesty."),
            ("The United Nations", "The article cites the UN only on the Yazidi genocide."),
            (
                "The International Committee of the Red Cross",
                "The article does not mention the Red Cross.",
            ),
        ),
        front="Which organisation voiced concern for the exodus and the hostages at Baghouz?",
        back="Human Rights Watch",
        note="Human Rights Watch voiced concern for the people leaving the enclave and for "
        "the hostages still held in it.",
        tags=("civilians",),
    ),
    fact(
        "civilians-allowed-to-flee",
        "outcome",
        "Subsequently, they were allowed to flee the food and water-strapped caliphate, which "
        "was under constant bombardment over the last month.",
        tf(
            "q-allowed-to-flee-tf",
            "People were eventually let out of the enclave, which was running short of food "
            "and water after a month of relentless shelling.",
            True,
            if_wrong="It is true: they were allowed to flee the food- and water-strapped "
            "caliphate, which had been under constant bombardment over the last month.",
        ),
        front="In what state was the last ISIS enclave when the people inside were allowed to "
        "flee?",
        back="Short of food and water, after a month of constant bombardment",
        note="The enclave was short of food and water and had been bombarded for a month. "
        "Most of those allowed to flee were surrendering supporters of ISIS, not civilians.",
        tags=("civilians", "baghouz"),
    ),
    fact(
        "fled-mostly-supporters",
        "actor",
        "Most of them were surrendering supporters of ISIS",
        tf(
            "q-who-fled-tf",
            "According to the article, most of the people who left the enclave at the end "
            "were civilian hostages rather than ISIS supporters.",
            False,
            if_wrong="The article says most of those who fled were surrendering supporters "
            "of ISIS, including some 5,000 fighters. Civilians and hostages were among the "
            "thousands in the enclave, but not most of those who left.",
        ),
        front="Who were most of the people allowed out of the last ISIS enclave, according "
        "to the article?",
        back="Surrendering supporters of ISIS (including some 5,000 fighters)",
        note="Most of those allowed to flee were surrendering supporters of ISIS, among them "
        "some 5,000 fighters, many Iraqi, Russian and French.",
        tags=("baghouz", "civilians"),
    ),
    fact(
        "surrendered-5000-fighters",
        "outcome",
        "Most of them were surrendering supporters of ISIS, including some 5,000 fighters",
        num(
            "q-surrendered-num",
            "About how many ISIS fighters were among the surrendering supporters who left the "
            "caliphate?",
            5000,
            display="some 5,000",
        ),
        front="How many fighters were among the ISIS supporters who surrendered?",
        back="Some 5,000",
        note="Some 5,000 fighters were among the surrendering supporters; do not confuse it "
        "with the SDF's 11,000 fighters lost.",
        tags=("baghouz", "casualties"),
    ),
    fact(
        "surrendered-nationalities",
        "actor",
        "many were Iraqi, Russian, and French nationals",
        mr(
            "q-nationalities-mr",
            "Many of the surrendering fighters held which nationalities, according to the article?",
            [
                ("Iraqi", "Right: named by the article."),
                ("Russian", "Right: named by the article."),
                ("French", "Right: named by the article."),
            ],
            [
                ("British", "The article does not name British nationals."),
                ("Turkish", "Turkey appears as a threat to the SDF, not among the fighters."),
                ("Indian", "India appears as a target of ISIS modules, not here."),
            ],
        ),
        front="Which nationalities does the article name among the surrendering fighters?",
        back="Iraqi, Russian and French",
        note="The article names Iraqi, Russian and French nationals among the surrendering "
        "fighters: foreign members whose return home it calls a security challenge.",
        tags=("baghouz", "foreign-fighters"),
    ),
    fact(
        "guardian-hellscape",
        "actor",
        "the Guardian reported early in March that the ISIS caliphate was a hellscape of smoke "
        "and fire",
        mc(
            "q-guardian-mc",
            'Which news outlet reported that the ISIS caliphate was "a hellscape of smoke and '
            'fire"?',
            "The Guardian",
            ("The New York Times", "The article quotes the Guardian, not the New York Times."),
            ("The Washington Post", "The article quotes the Guardian, not the Post."),
            ("Al Jazeera", "The article quotes the Guardian, not Al Jazeera."),
        ),
        front='Who reported that the caliphate was "a hellscape of smoke and fire"?',
        back="The Guardian",
        note="The description is the Guardian's, reported early in March 2019.",
        tags=("baghouz", "media"),
    ),
    fact(
        "guardian-report-early-march",
        "date",
        "the Guardian reported early in March",
        tf(
            "q-guardian-order-tf",
            "The Guardian's description of the caliphate as a hellscape came before the "
            "stalled offensive got going again in late February.",
            False,
            if_wrong="The order is the other way round: the offensive restarted in late "
            "February 2019, and the Guardian reported early in March, as the enclave burned.",
        ),
        front='When did the Guardian describe the caliphate as "a hellscape of smoke and fire"?',
        back="Early March 2019",
        note="Early in March (2019): after the offensive restarted in late February and "
        "before the defeat was declared.",
        tags=("baghouz", "media"),
    ),
    fact(
        "trapped-east-west",
        "actor",
        "Trapped from the east and the west by advancing SDF and the Syrian regime",
        mr(
            "q-trapped-by-mr",
            "By whom was the caliphate trapped from the east and the west?",
            [("The SDF", "Right."), ("The Syrian regime", "Right.")],
            [
                (
                    "The Turkish army",
                    "Turkey threatened the SDF in the north; it did not advance on Baghouz.",
                ),
                (
                    "Kurdish peshmerga",
                    "The peshmerga fought in Iraq, with the Iraqi army at Mosul.",
                ),
            ],
        ),
        front="Who closed in on the last ISIS enclave from the east and the west?",
        back="The SDF and the Syrian regime",
        note="The SDF and the Syrian regime advanced from the east and the west, leaving the "
        "fighters nowhere to go.",
        tags=("baghouz",),
    ),
    fact(
        "russia-across-river",
        "actor",
        "with Russia on the other side of the river",
        mc(
            "q-other-side-river-mc",
            "With the SDF and the Syrian regime advancing from the east and the west, which "
            "power was on the other side of the river?",
            "Russia",
            ("Iran", "The article does not place Iran at Baghouz."),
            ("Turkey", "Turkey's threat was against the SDF in northern Syria."),
            ("The United States", "US airpower backed the SDF; it did not hold the river."),
        ),
        front="Which power held the other side of the river from the last ISIS enclave?",
        back="Russia",
        note="Russia was on the other side of the river: with the SDF and the Syrian regime "
        "closing in, the fighters had nowhere to go.",
        tags=("baghouz",),
    ),
    fact(
        "last-retreat-eastern-side",
        "place",
        "retreated to the river's eastern side near the Iraqi border, cornered in a tent camp "
        "on the edge of Baghouz",
        mc(
            "q-last-retreat-mc",
            "Where did the last small band of ISIS fighters, followers and civilians retreat?",
            "To the eastern bank, close to Iraq",
            (
                "To the western bank, close to Turkey",
                "Both wrong: the eastern side, and Baghouz is near Iraq, not Turkey.",
            ),
            (
                "To the eastern bank, close to Turkey",
                "The eastern side is right, but Baghouz is near the Iraqi border.",
            ),
            (
                "To the western bank, close to Jordan",
                "Both wrong: the eastern side, near the Iraqi border.",
            ),
        ),
        front="Where was the last band of ISIS fighters cornered?",
        back="In a tent camp on the edge of Baghouz, on the river's eastern side near the Iraqi "
        "border",
        note="The last band retreated to the eastern side of the Euphrates near the Iraqi "
        "border, into a tent camp on the edge of Baghouz.",
        tags=("baghouz",),
    ),
    fact(
        "camp-destroyed-few-weeks",
        "actor",
        "Over the course of a few weeks, coalition forces destroyed the camp",
        tf(
            "q-camp-destroyed-tf",
            "Over a few weeks, the Syrian regime's forces wiped out the final ISIS encampment "
            "at Baghouz.",
            False,
            if_wrong="It was coalition forces, not the Syrian regime's, that destroyed the camp "
            "over a few weeks.",
        ),
        front="Who destroyed the last ISIS tent camp at Baghouz, over a few weeks?",
        back="Coalition forces",
        note="Coalition forces destroyed the camp over the course of a few weeks; the Syrian "
        "regime had closed in from the other side.",
        tags=("baghouz", "coalition"),
    ),
    fact(
        "ignoble-end",
        UNDERSTANDING,
        "an ignoble end for the caliphate's citizens who regarded it as a religious paradise",
        mc(
            "q-ignoble-end-mc",
            'Why does the article call the destruction of the last tent camp "an ignoble end"?',
            "The promised religious paradise ended in a bombed tent camp",
            (
                "The coalition broke its promise to let the surviving fighters go",
                "The article reports no such promise; those who surrendered had been let out "
                "earlier.",
            ),
            (
                "ISIS's leaders fled and left their followers behind",
                "The article does not say so: Baghouz's villages housed the leaders too.",
            ),
            (
                "The fighters gave themselves up to Russia, not the SDF",
                "No surrender to Russia is reported; Russia was across the river.",
            ),
        ),
        front='Why does the article call the end at Baghouz "ignoble"?',
        back="Its citizens had seen the caliphate as a religious paradise, and it ended in a "
        "destroyed tent camp",
        note="The contrast makes the end ignoble: those who regarded the caliphate as a "
        "religious paradise ended cornered in a tent camp that coalition forces destroyed.",
        tags=("understanding", "baghouz"),
    ),
)
