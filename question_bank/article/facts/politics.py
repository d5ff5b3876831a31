"""The article bank's facts: the political front."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    cloze,
    fact,
    mc,
    num,
    short,
    tf,
)

FACTS: tuple[FactSpec, ...] = (
    fact(
        "turkish-threat-october",
        "date",
        "a Turkish threat to launch operations against the SDF in northern Syria in October, "
        "causing the operation to stop",
        mc(
            "q-turkish-threat-mc",
            "In which month did a Turkish threat to launch operations against the SDF in "
            "northern Syria cause the operation to stop?",
            "October",
            "September",
            "December",
            "February",
        ),
        front="When did a Turkish threat stop the operation against ISIS?",
        back="In October",
        tags=("turkey", "politics"),
    ),
    fact(
        "erdogan-safe-zone",
        "actor",
        "Turkish President Recep Tayyip Erdogan repeatedly threatened to cross into Syria to "
        'set up a "safe zone", ostensibly to protect its borders',
        short(
            "q-erdogan-sa",
            "Which Turkish president repeatedly threatened to cross into Syria?",
            "Recep Tayyip Erdogan",
            "Erdogan",
            "Tayyip Erdogan",
            "Recep Erdogan",
        ),
        cloze(
            "q-safe-zone-cloze",
            'Turkey\'s president threatened to cross into Syria to set up a "{{1}}", '
            "ostensibly to protect Turkey's borders.",
            ("safe zone", "safe-zone", "safezone"),
        ),
        front="What did Turkey's President Erdogan repeatedly threaten to do?",
        back='Cross into Syria to set up a "safe zone", ostensibly to protect Turkey\'s borders',
        tags=("turkey", "politics"),
    ),
    fact(
        "us-forces-deterrent",
        "outcome",
        "But the presence of US forces acted as a deterrent to a conflict between the two US "
        "allies.",
        mc(
            "q-deterrent-mc",
            "What, according to the article, deterred a conflict between the two US allies, "
            "Turkey and the SDF?",
            "The presence of US forces",
            "Russian air patrols",
            "A UN-brokered ceasefire",
            "Arab League mediation",
        ),
        front="What kept Turkey and the SDF, both US allies, from fighting each other?",
        back="The presence of US forces",
        tags=("turkey", "us-policy"),
    ),
    fact(
        "us-withdrawal-december",
        "date",
        "In December, the US announced full withdrawal from Syria, throwing the anti-ISIS "
        "operation under the bus.",
        mc(
            "q-us-withdrawal-mc",
            "When did the US announce its full withdrawal from Syria?",
            "December",
            "October",
            "September",
            "March",
        ),
        front="When did the US announce full withdrawal from Syria?",
        back="In December",
        tags=("us-policy",),
    ),
    fact(
        "trump-insisted-defeated",
        "actor",
        "US President Donald Trump had repeatedly insisted ISIS was defeated",
        short(
            "q-trump-sa",
            "Which US president repeatedly insisted that ISIS was defeated, and later claimed "
            'it was "100% defeated"?',
            "Donald Trump",
            "Trump",
            "Donald J. Trump",
        ),
        front="Which US president repeatedly insisted ISIS was defeated?",
        back="Donald Trump",
        tags=("us-policy", "claims"),
    ),
    fact(
        "trump-claim-vietnam-summit",
        "place",
        "while returning from the North Korea summit in Vietnam, he claimed that ISIS is "
        '"100% defeated"',
        mc(
            "q-summit-vietnam-mc",
            'Trump claimed that ISIS was "100% defeated" while returning from the North Korea '
            "summit held in which country?",
            "Vietnam",
            "Singapore",
            "South Korea",
            "Japan",
        ),
        front='Where had Trump been when he claimed ISIS was "100% defeated"?',
        back="At the North Korea summit in Vietnam",
        note='The "100% defeated" claim is Trump\'s; the article calls such talk the height '
        "of hubris in the experts' view.",
        tags=("us-policy", "claims"),
    ),
    fact(
        "insurgency-continued",
        "outcome",
        "The terror group, meanwhile, continued its insurgency despite US's claims.",
        tf(
            "q-insurgency-continued-tf",
            "According to the article, ISIS stopped all fighting once the US declared it defeated.",
            False,
            feedback='The group "continued its insurgency despite US\'s claims".',
        ),
        front="What did ISIS do while the US claimed it was defeated?",
        back="It continued its insurgency",
        tags=("claims",),
    ),
    fact(
        "us-reversal-february",
        "date",
        "In February, the US reversed Trump's order",
        mc(
            "q-us-reversal-mc",
            "In which month did the US reverse Trump's withdrawal order?",
            "February",
            "December",
            "January",
            "October",
        ),
        front="When did the US reverse Trump's withdrawal order?",
        back="In February",
        tags=("us-policy",),
    ),
    fact(
        "us-200-troops",
        "outcome",
        'decided to leave a "peacekeeping" force of 200 troops in Syria',
        num(
            "q-troops-num",
            'How many troops did the US decide to leave in Syria as a "peacekeeping" force?',
            200,
        ),
        front='How large a "peacekeeping" force did the US decide to leave in Syria?',
        back="200 troops",
        tags=("us-policy",),
    ),
    fact(
        "troops-prevent-iran",
        "actor",
        "This was to prevent Iran from filling the vacuum and to deescalate the conflict "
        "between SDF and Turkey.",
        mc(
            "q-vacuum-mc",
            "The US kept troops in Syria partly to prevent which country from filling the vacuum?",
            "Iran",
            "Russia",
            "Turkey",
            "Iraq",
        ),
        front="Why did the US keep 200 troops in Syria?",
        back="To prevent Iran from filling the vacuum and to de-escalate the SDF-Turkey conflict",
        tags=("us-policy", "turkey"),
    ),
)
