"""The article bank's facts: the political front.

The article gives months without years here; the cards add them (the offensive began in
September 2018 and the defeat was declared in March 2019), and the feedback says so.
"""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    cloze,
    fact,
    mc,
    mr,
    num,
    short,
    tf,
)
from question_bank.article.categories import CAUSES_AND_CLAIMS as UNDERSTANDING

FACTS: tuple[FactSpec, ...] = (
    fact(
        "turkish-threat-october",
        "date",
        "a Turkish threat to launch operations against the SDF in northern Syria in October, "
        "causing the operation to stop",
        mc(
            "q-turkish-threat-mc",
            "When did a Turkish threat to launch operations against the SDF in northern Syria "
            "cause the operation to stop?",
            "October 2018",
            ("September 2018", "September 2018 is when the offensive was launched."),
            ("December 2018", "December 2018 is when the US announced full withdrawal."),
            ("February 2019", "February 2019 is when the US reversed Trump's order."),
        ),
        front="When did a Turkish threat stop the operation against ISIS?",
        back="October 2018",
        note='The article says "in October", after the offensive launched in September '
        "2018: October 2018.",
        tags=("turkey", "politics"),
    ),
    fact(
        "turkish-threat-stopped-operation",
        UNDERSTANDING,
        "a Turkish threat to launch operations against the SDF in northern Syria in October, "
        "causing the operation to stop",
        tf(
            "q-october-stop-cause-tf",
            "According to the article, the operation against ISIS came to a halt in October "
            "because Washington had announced it was pulling its troops out.",
            False,
            if_wrong="The October halt came from a Turkish threat to launch operations "
            "against the SDF in northern Syria. The US announced its withdrawal later, in "
            "December.",
        ),
        front="What caused the operation against ISIS to stop in October 2018?",
        back="A Turkish threat to launch operations against the SDF in northern Syria",
        note="Two different setbacks: Turkey's threat against the SDF stopped the operation "
        "in October 2018; the US withdrawal announced in December 2018 then put it in "
        "jeopardy.",
        tags=("understanding", "turkey", "politics"),
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
        note="Turkey's president, Recep Tayyip Erdogan, repeatedly threatened to cross into "
        'Syria and set up a "safe zone" in the north, where Turkey threatened operations '
        "against the SDF.",
        tags=("turkey", "politics"),
    ),
    fact(
        "erdogan-ostensibly",
        UNDERSTANDING,
        'set up a "safe zone", ostensibly to protect its borders',
        mc(
            "q-ostensibly-mc",
            'The article says Erdogan wanted a "safe zone" in Syria "ostensibly to protect its '
            'borders". What does "ostensibly" tell the reader about that reason?',
            "It is a stated reason the writer does not vouch for",
            (
                "It is a reason that the US and the SDF had both accepted",
                "The article reports no such agreement; US forces deterred a Turkish attack "
                "on the SDF.",
            ),
            (
                "It is a reason the article goes on to prove plainly true",
                "The article offers no proof; the word marks the reason as Turkey's own.",
            ),
            (
                "It is a reason Turkey gave up once US troops arrived",
                "The article says Erdogan threatened repeatedly; it does not say he dropped "
                "the reason.",
            ),
        ),
        front="What does the article's \"ostensibly\" signal about Turkey's wish to protect "
        'its borders with a "safe zone"?',
        back="That it is Turkey's stated reason, which the article does not vouch for",
        note='"Ostensibly" means "as it is made to appear": the article reports the border '
        "as Turkey's stated reason while hinting at another aim, its conflict with the "
        "Kurdish-led SDF.",
        tags=("understanding", "critical-reading", "turkey"),
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
            "US troops on the ground",
            ("Patrols by Russian warplanes", "The article gives Russia no such role."),
            ("A UN-brokered ceasefire", "The article mentions no ceasefire."),
            (
                "Mediation by the Arab League",
                "The Arab League appears only over Syria's membership.",
            ),
        ),
        front="What kept Turkey and the SDF, both US allies, from fighting each other?",
        back="The presence of US forces",
        note="US troops stood between the two US allies: their presence deterred a conflict, "
        "which is why the announced withdrawal put the operation at risk.",
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
            "December 2018",
            ("October 2018", "October 2018 is when a Turkish threat stopped the operation."),
            ("September 2018", "September 2018 is when the SDF launched its offensive."),
            ("March 2019", "March 2019 is when the defeat of the caliphate was declared."),
        ),
        front="When did the US announce full withdrawal from Syria?",
        back="December 2018",
        note='The article says "In December": December 2018, two months before the US '
        "reversed the order in February 2019.",
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
        note="The claim is Donald Trump's; the article sets it against ISIS's continuing "
        "insurgency.",
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
            ("Singapore", "Singapore hosted the first summit; the article names Vietnam."),
            ("South Korea", "The article names Vietnam as the summit's host."),
            ("Japan", "The article names Vietnam as the summit's host."),
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
            "Even as the US kept saying ISIS was beaten, the group carried on fighting as an "
            "insurgency, the article reports.",
            True,
            if_wrong="It is true: the article says the group continued its insurgency despite "
            "the US's claims.",
        ),
        front="What did ISIS do while the US claimed it was defeated?",
        back="It continued its insurgency",
        note="The article reports that ISIS kept up its insurgency while the US claimed it "
        "was defeated: the claim and the facts diverged.",
        tags=("claims",),
    ),
    fact(
        "two-defeat-claims",
        UNDERSTANDING,
        'he claimed that ISIS is "100% defeated"',
        mc(
            "q-two-claims-mc",
            'The SDF declared a "100 per cent territorial defeat" of ISIS; Trump said ISIS '
            'was "100% defeated". How does the article weigh the two claims?',
            "The SDF's holds: ISIS lost its land but fights on",
            (
                "Trump's holds: once Baghouz fell, ISIS had no means to fight",
                'The article says ISIS continued its insurgency, and experts call "100% '
                'defeated" the height of hubris.',
            ),
            (
                "Both hold: the two mean the same once the caliphate is gone",
                'The word "territorial" is the difference: losing land is not ceasing to exist.',
            ),
            (
                "Neither holds: ISIS still holds villages near Baghouz",
                "The territory is gone; what remains is an insurgency, not land.",
            ),
        ),
        front='Why does the article accept the SDF\'s "100 per cent territorial defeat" but '
        'not Trump\'s "100% defeated"?',
        back="ISIS has lost its territory, but not its fighters: it goes on as an insurgency",
        note="This is the article's thesis. A territorial defeat is real; a total one is "
        "not: ISIS has existed longer without territory than with it, continued its "
        'insurgency despite the US\'s claims, and experts call "100% defeated" the height of '
        "hubris.",
        tags=("understanding", "thesis", "claims"),
    ),
    fact(
        "us-reversal-february",
        "date",
        "In February, the US reversed Trump's order",
        mc(
            "q-us-reversal-mc",
            "When did the US reverse Trump's withdrawal order?",
            "February 2019",
            ("December 2018", "December 2018 is when the withdrawal was announced."),
            ("January 2019", "The article dates the reversal to February."),
            ("October 2018", "October 2018 is when a Turkish threat stopped the operation."),
        ),
        tf(
            "q-troops-when-tf",
            'The US settled on keeping a 200-strong "peacekeeping" force in Syria back in '
            "December, when it announced its withdrawal.",
            False,
            if_wrong="The order is the other way round: in December the US announced full "
            "withdrawal; in February 2019 it reversed that order and decided to leave 200 "
            "troops.",
            quote="In February, the US reversed Trump's order and decided to leave a "
            '"peacekeeping" force of 200 troops in Syria.',
        ),
        front="When did the US reverse Trump's withdrawal order?",
        back="February 2019",
        note='The article says "In February": February 2019, two months after the '
        "withdrawal was announced in December 2018.",
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
        note='200 troops, kept as a "peacekeeping" force when the US reversed Trump\'s '
        "withdrawal order in February 2019.",
        tags=("us-policy",),
    ),
    fact(
        "troops-prevent-iran",
        "actor",
        "This was to prevent Iran from filling the vacuum",
        mc(
            "q-vacuum-mc",
            "The US kept troops in Syria partly to prevent which country from filling the vacuum?",
            "Iran",
            ("Russia", "Russia is already in Syria; the article names Iran."),
            ("Turkey", "Turkey's conflict with the SDF is the other reason, not the vacuum."),
            ("Iraq", "The article does not name Iraq here."),
        ),
        front="Which country did the US want to keep from filling the vacuum in Syria?",
        back="Iran",
        note="The US kept troops to prevent Iran from filling the vacuum a withdrawal would "
        "leave (and to de-escalate the SDF-Turkey conflict).",
        tags=("us-policy",),
    ),
    fact(
        "troops-deescalate-turkey",
        UNDERSTANDING,
        "to deescalate the conflict between SDF and Turkey",
        mr(
            "q-troops-reasons-mr",
            "Why, according to the article, did the US decide to keep a 200-strong force in "
            "Syria? Choose all that apply.",
            [
                ("To keep Iran from filling the vacuum", "Right: the first reason given."),
                (
                    "To calm the conflict between the SDF and Turkey",
                    "Right: US forces deterred a clash between its two allies.",
                ),
            ],
            [
                (
                    "To finish off the last fighters at Baghouz",
                    'The article calls it a "peacekeeping" force and gives it no combat role.',
                ),
                (
                    "To guard refugees returning to Syria",
                    "Refugees' return is mentioned elsewhere, not as a reason for the troops.",
                ),
                (
                    "To help Russia win back land from the rebels",
                    "The article gives the troops no part in Russia's campaign.",
                ),
            ],
            quote="This was to prevent Iran from filling the vacuum and to deescalate the "
            "conflict between SDF and Turkey.",
        ),
        front="Besides keeping Iran out, why did the US keep 200 troops in Syria?",
        back="To de-escalate the conflict between the SDF and Turkey",
        note="Two reasons: to keep Iran from filling the vacuum, and to de-escalate the "
        "conflict between the SDF and Turkey, whom US forces had kept apart.",
        tags=("understanding", "us-policy", "turkey"),
    ),
)
