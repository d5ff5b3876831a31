"""The article bank's facts: the battle."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    cloze,
    fact,
    mc,
    mr,
    num,
    tf,
)

FACTS: tuple[FactSpec, ...] = (
    fact(
        "militant-tactics",
        "outcome",
        "militants began fighting back with snipers, suicide bombs, and booby traps",
        mr(
            "q-militant-tactics-mr",
            "As soon as the coalition launched the offensive, what did the militants fight back "
            "with? Choose all that the article names.",
            ["Snipers", "Suicide bombs", "Booby traps"],
            ["Chemical weapons", "Armed drones"],
        ),
        front="How did the militants fight back at Baghouz?",
        back="With snipers, suicide bombs and booby traps",
        tags=("baghouz",),
    ),
    fact(
        "civilians-slowed-advance",
        "outcome",
        "Presence of thousands of civilians, many of whom were caught in the crossfire, slowed "
        "the final advance",
        tf(
            "q-civilians-slowed-tf",
            "According to the article, the presence of thousands of civilians, many caught in "
            "the crossfire, slowed the final advance.",
            True,
        ),
        front="What slowed the final advance on Baghouz?",
        back="The presence of thousands of civilians, many caught in the crossfire",
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
            "Amnesty International",
            "The United Nations",
            "The International Committee of the Red Cross",
        ),
        front="Which organisation voiced concern for the exodus and the hostages at Baghouz?",
        back="Human Rights Watch",
        tags=("civilians",),
    ),
    fact(
        "civilians-allowed-to-flee",
        "outcome",
        "Subsequently, they were allowed to flee the food and water-strapped caliphate, which "
        "was under constant bombardment over the last month.",
        tf(
            "q-allowed-to-flee-tf",
            "According to the article, the civilians were eventually allowed to flee the food- "
            "and water-strapped caliphate, which had been under constant bombardment over the "
            "last month.",
            True,
        ),
        front="What happened to the civilians in the food- and water-strapped caliphate?",
        back="They were allowed to flee; the enclave had been under constant bombardment over "
        "the last month",
        tags=("civilians", "baghouz"),
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
        tags=("baghouz", "casualties"),
    ),
    fact(
        "surrendered-nationalities",
        "actor",
        "many were Iraqi, Russian, and French nationals",
        mr(
            "q-nationalities-mr",
            "Many of the surrendering fighters held which nationalities, according to the article?",
            ["Iraqi", "Russian", "French"],
            ["British", "Turkish", "Indian"],
        ),
        front="Which nationalities does the article name among the surrendering fighters?",
        back="Iraqi, Russian and French",
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
            "The New York Times",
            "The Washington Post",
            "Al Jazeera",
        ),
        front='Who reported that the caliphate was "a hellscape of smoke and fire"?',
        back="The Guardian",
        tags=("baghouz", "media"),
    ),
    fact(
        "guardian-report-early-march",
        "date",
        "the Guardian reported early in March",
        cloze(
            "q-guardian-march-cloze",
            "The Guardian reported {{1}} that the ISIS caliphate was a hellscape of smoke and "
            "fire.",
            ("early in March", "early March", "March", "in March"),
        ),
        front='When did the Guardian describe the caliphate as "a hellscape of smoke and fire"?',
        back="Early in March",
        tags=("baghouz", "media"),
    ),
    fact(
        "trapped-east-west",
        "actor",
        "Trapped from the east and the west by advancing SDF and the Syrian regime, and with "
        "Russia on the other side of the river",
        mc(
            "q-other-side-river-mc",
            "With the SDF and the Syrian regime advancing from the east and the west, which "
            "power was on the other side of the river?",
            "Russia",
            "Iran",
            "Turkey",
            "The United States",
        ),
        mr(
            "q-trapped-by-mr",
            "By whom was the caliphate trapped from the east and the west?",
            ["The SDF", "The Syrian regime"],
            ["The Turkish army", "Kurdish peshmerga"],
        ),
        front="Who hemmed in the last ISIS enclave?",
        back="The SDF and the Syrian regime from the east and the west, Russia across the river",
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
            "To the river's eastern side, near the Iraqi border",
            "To the river's western side, near the Turkish border",
            "To the river's eastern side, near the Turkish border",
            "To the river's western side, near the Jordanian border",
        ),
        front="Where was the last band of ISIS fighters cornered?",
        back="In a tent camp on the edge of Baghouz, on the river's eastern side near the Iraqi "
        "border",
        tags=("baghouz",),
    ),
    fact(
        "camp-destroyed-few-weeks",
        "outcome",
        "Over the course of a few weeks, coalition forces destroyed the camp",
        tf(
            "q-camp-destroyed-tf",
            "Coalition forces destroyed the tent camp at Baghouz in a single day of strikes.",
            False,
            feedback='It took a few weeks: "Over the course of a few weeks, coalition forces '
            'destroyed the camp."',
        ),
        front="How long did it take coalition forces to destroy the last tent camp?",
        back="A few weeks",
        tags=("baghouz", "coalition"),
    ),
)
