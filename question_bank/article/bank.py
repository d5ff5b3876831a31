"""The hand-written question bank for "What the defeat of ISIS really means" (Qrius, 2019).

Each fact is one flashcard; the questions under it test that fact and carry its id as their
``card_id``.  Every quote is copied from ``article.txt`` (``builder.locate`` finds it and keeps
the article's exact characters and offsets).  Where the article reports a claim rather than
a fact (Trump's "100% defeated", "according to some sources", "many believe"), the question
says whose claim it is.  Ids are published: never rename one, add new ones instead.
"""

from __future__ import annotations

from functools import lru_cache

from question_bank.article.builder import (
    FactSpec,
    build,
    cloze,
    fact,
    matching,
    mc,
    mr,
    num,
    order,
    short,
    tf,
)
from question_bank.article.text import article_text
from question_bank.sets import QuestionSet

BANK_NAME = "The defeat of ISIS in Syria (2019)"
BANK_DESCRIPTION = (
    "Who, when, where and what came of it: the fall of the last ISIS territory at Baghouz, "
    "from Prarthana Mitra's article for Qrius."
)

FACTS: tuple[FactSpec, ...] = (
    # ------------------------------------------------------------ the fall of the caliphate
    fact(
        "caliphate-eight-months",
        "outcome",
        "was declared as defeated after taking a battering over the last eight months",
        num(
            "q-caliphate-eight-months-num",
            "Over how many months, according to the article, had the caliphate taken a "
            "battering before it was declared defeated?",
            8,
            display="8 (eight months)",
        ),
        front="How long had ISIS's self-styled caliphate been battered before it was declared "
        "defeated?",
        back="Eight months",
        tags=("caliphate", "final-offensive"),
    ),
    fact(
        "caliphate-extent",
        "outcome",
        "which once stretched over thousands of kilometres and ruled over millions",
        cloze(
            "q-caliphate-extent-cloze",
            "At its height, the self-styled caliphate stretched over {{1}} of kilometres and "
            "ruled over {{2}} of people.",
            "thousands",
            "millions",
        ),
        front="How large was the caliphate at its height?",
        back="It stretched over thousands of kilometres and ruled over millions",
        tags=("caliphate",),
    ),
    fact(
        "baghouz-last-stronghold",
        "place",
        "the last leg of the offensive reduced its territory to tents and buildings over just "
        "1.5 square miles in Baghouz",
        mc(
            "q-baghouz-mc",
            "Where had the last leg of the offensive reduced ISIS's territory to tents and "
            "buildings?",
            "Baghouz",
            "Raqqa",
            "Mosul",
            "Susa",
        ),
        short(
            "q-baghouz-sa",
            "Name the place in eastern Syria where the caliphate's last fighters were cornered.",
            "Baghouz",
            "Baghuz",
            "Al-Baghuz",
        ),
        front="Where did ISIS make its last stand in Syria?",
        back="Baghouz",
        tags=("baghouz", "final-offensive"),
    ),
    fact(
        "territory-1-5-square-miles",
        "outcome",
        "reduced its territory to tents and buildings over just 1.5 square miles",
        num(
            "q-territory-area-num",
            "Over how many square miles did ISIS's territory stretch when the last leg of the "
            "offensive was over?",
            1.5,
            display="1.5 square miles",
        ),
        front="How much territory did ISIS hold at the very end?",
        back="Tents and buildings over just 1.5 square miles",
        tags=("baghouz", "final-offensive"),
    ),
    fact(
        "baghouz-deir-ez-zor",
        "place",
        "Baghouz, located in the country's eastern Deir ez-Zor province",
        mc(
            "q-deir-ez-zor-mc",
            "In which Syrian province is Baghouz located?",
            "Deir ez-Zor",
            "Raqqa",
            "Hasakah",
            "Aleppo",
        ),
        cloze(
            "q-deir-ez-zor-cloze",
            "Baghouz is located in Syria's eastern {{1}} province.",
            ("Deir ez-Zor", "Deir ez Zor", "Deir al-Zor", "Deir el-Zour", "Deir Ezzor"),
        ),
        front="In which Syrian province is Baghouz?",
        back="Deir ez-Zor, in eastern Syria",
        tags=("baghouz",),
    ),
    fact(
        "coalition-declared-defeat",
        "actor",
        "The US-led coalition forces, which led renewed efforts, declared the defeat of ISIS "
        "regime in Syria",
        tf(
            "q-coalition-declared-tf",
            "According to the article, the US-led coalition forces, which led renewed efforts, "
            "declared the defeat of the ISIS regime in Syria.",
            True,
        ),
        front="Which forces, having led renewed efforts, declared the defeat of the ISIS regime "
        "in Syria?",
        back="The US-led coalition forces",
        tags=("coalition",),
    ),
    fact(
        "sdf-kurdish-led",
        "actor",
        "Forwarding the coalition's cause was the Kurdish-led Syrian Democratic Forces (SDF)",
        short(
            "q-sdf-name-sa",
            "What does the abbreviation SDF stand for?",
            "Syrian Democratic Forces",
            "Syrian Democratic Force",
        ),
        cloze(
            "q-sdf-kurdish-cloze",
            "Forwarding the coalition's cause on the ground was the {{1}}-led Syrian Democratic "
            "Forces.",
            ("Kurdish", "Kurd", "Kurds"),
        ),
        front="Who forwarded the coalition's cause on the ground?",
        back="The Kurdish-led Syrian Democratic Forces (SDF)",
        tags=("sdf",),
    ),
    fact(
        "sdf-support-russia-iran",
        "actor",
        "with support from Russia and Iran, who have been engaged in regaining control of "
        "Syrian territory from armed rebel groups",
        mr(
            "q-sdf-support-mr",
            'The article says the SDF forwarded the coalition\'s cause "with support from" '
            "which countries?",
            ["Russia", "Iran"],
            ["Turkey", "Iraq"],
        ),
        front="According to the article, which two countries supported the SDF?",
        back="Russia and Iran (the article's claim)",
        note="This is how the article puts it. Russia and Iran are usually described as the "
        "backers of the Syrian government; the SDF was backed by the US-led coalition.",
        tags=("sdf",),
    ),
    fact(
        "offensive-launched-september-2018",
        "date",
        "In September 2018, the SDF launched a major offensive in a small area along the "
        "Euphrates river to defeat ISIS",
        mc(
            "q-offensive-launch-mc",
            "When did the SDF launch its major offensive along the Euphrates to defeat ISIS?",
            "September 2018",
            "October 2018",
            "December 2018",
            "February 2019",
        ),
        short(
            "q-offensive-launch-sa",
            "In which month and year did the SDF launch the offensive that ended at Baghouz?",
            "September 2018",
            "Sept 2018",
            "Sep 2018",
        ),
        front="When did the SDF launch its final major offensive against ISIS?",
        back="September 2018",
        tags=("sdf", "final-offensive"),
    ),
    fact(
        "euphrates-river",
        "place",
        "a major offensive in a small area along the Euphrates river",
        mc(
            "q-euphrates-mc",
            "Along which river was the small area where the SDF launched its offensive?",
            "The Euphrates",
            "The Tigris",
            "The Khabur",
            "The Orontes",
        ),
        front="Along which river did the SDF's final offensive take place?",
        back="The Euphrates",
        tags=("final-offensive",),
    ),
    fact(
        "us-withdrawal-hitch",
        "outcome",
        "that met with a hitch after the US announced it would withdraw its troops from Syria, "
        "throwing the entire operation in jeopardy",
        tf(
            "q-withdrawal-hitch-tf",
            "The offensive met with a hitch when the US announced it would withdraw its troops "
            "from Syria, throwing the entire operation in jeopardy.",
            True,
        ),
        front="What threw the SDF's offensive into jeopardy?",
        back="The US announcement that it would withdraw its troops from Syria",
        tags=("us-policy", "final-offensive"),
    ),
    fact(
        "offensive-restarted-late-february",
        "date",
        "Late February, however, the offensive restarted",
        mc(
            "q-offensive-restart-mc",
            "When did the offensive restart, at a pace unlike any of the earlier major battles?",
            "Late February",
            "Early March",
            "Late December",
            "Mid-October",
        ),
        front="When did the stalled offensive restart?",
        back="Late February",
        tags=("final-offensive",),
    ),
    fact(
        "earlier-battles-mosul-raqqa",
        "place",
        "at a pace unlike any of the earlier major battles for Mosul and Raqqa",
        mr(
            "q-earlier-battles-mr",
            "The restarted offensive moved at a pace unlike the earlier major battles for which "
            "cities?",
            ["Mosul", "Raqqa"],
            ["Kobani", "Aleppo"],
        ),
        front="The restarted offensive was faster than which earlier major battles?",
        back="The battles for Mosul and Raqqa",
        tags=("final-offensive",),
    ),
    fact(
        "baghouz-hardened-fighters",
        "outcome",
        "It has been the most bitter phase, as villages of Baghouz housed the group's most "
        "hardened fighters and leaders.",
        mc(
            "q-bitter-phase-mc",
            "Why, according to the article, was the fight for Baghouz the most bitter phase?",
            "Its villages housed the group's most hardened fighters and leaders",
            "Its villages lay on the border with Turkey",
            "The SDF fought there without coalition air support",
            "ISIS had stockpiled its oil revenue there",
        ),
        front="Why was Baghouz the most bitter phase of the offensive?",
        back="Its villages housed the group's most hardened fighters and leaders",
        tags=("baghouz",),
    ),
    fact(
        "sdf-lost-11000",
        "outcome",
        "The SDF said Saturday that it had lost 11,000 fighters over the course of the operation.",
        num(
            "q-sdf-losses-num",
            "How many fighters did the SDF say it had lost over the course of the operation?",
            11000,
            display="11,000",
        ),
        mc(
            "q-sdf-losses-mc",
            "What did the SDF say on Saturday that it had lost over the course of the operation?",
            "11,000 fighters",
            "5,000 fighters",
            "1,190 fighters",
            "30,000 fighters",
        ),
        front="How many fighters did the SDF say it lost in the operation?",
        back="11,000",
        note="The figure is the SDF's own, given on a Saturday.",
        tags=("sdf", "casualties"),
    ),
    fact(
        "mustafa-bali-spokesman",
        "actor",
        "said Mustafa Bali, spokesman of the US-backed group",
        short(
            "q-bali-sa",
            'Who, as spokesman of the SDF, announced the "total elimination of so-called '
            'caliphate"?',
            "Mustafa Bali",
            "Mustefa Bali",
            "Bali",
        ),
        mc(
            "q-bali-mc",
            "Mustafa Bali was the spokesman of which group?",
            "The Syrian Democratic Forces (SDF)",
            "The People's Protection Units (YPG)",
            "The US-led coalition",
            "The Syrian government",
        ),
        front="Who is Mustafa Bali?",
        back="The spokesman of the US-backed Syrian Democratic Forces (SDF)",
        tags=("sdf",),
    ),
    fact(
        "sdf-100-percent-claim",
        "outcome",
        "Syrian Democratic Forces declare total elimination of so-called caliphate and 100 per "
        "cent territorial defeat of Isis",
        cloze(
            "q-sdf-claim-cloze",
            "In the words of the SDF's spokesman: \"Syrian Democratic Forces declare total {{1}} "
            'of so-called caliphate and {{2}} per cent territorial defeat of Isis."',
            ("elimination", "eliminating"),
            ("100", "one hundred"),
        ),
        front="What did the SDF declare, through its spokesman Mustafa Bali?",
        back="The total elimination of the so-called caliphate and 100 per cent territorial "
        "defeat of ISIS",
        note="This is the SDF's own declaration, made through its spokesman Mustafa Bali.",
        tags=("sdf", "claims"),
    ),
    # --------------------------------------------------------------------- the battle
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
    # --------------------------------------------------------------- the political front
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
    # ------------------------------------------------------------- the war on ISIS
    fact(
        "coalition-79-members",
        "outcome",
        "to form a 79-member coalition targeted against the Islamic State",
        num(
            "q-coalition-size-num",
            "How many members did the coalition formed against the Islamic State have?",
            79,
        ),
        front="How many members did the anti-ISIS coalition have?",
        back="79",
        tags=("coalition",),
    ),
    fact(
        "war-on-isis-roles",
        "actor",
        "US airpower battered ISIS strongholds, Arab tribes fought alongside Kurdish leftists "
        "in northern Syria, Kurdish peshmerga coordinated with the Iraqi army to recapture "
        "Mosul, and Russian and US forces shared intelligence",
        matching(
            "q-war-roles-match",
            "Match each force with its part in the war on ISIS since 2014, as the article "
            "describes it.",
            [
                ("US airpower", "Battered ISIS strongholds"),
                ("Arab tribes", "Fought alongside Kurdish leftists in northern Syria"),
                ("Kurdish peshmerga", "Coordinated with the Iraqi army to recapture Mosul"),
                ("Russian and US forces", "Shared intelligence"),
            ],
        ),
        mc(
            "q-peshmerga-mosul-mc",
            "Who coordinated with the Iraqi army to recapture Mosul?",
            "Kurdish peshmerga",
            "The People's Protection Units (YPG)",
            "The Syrian Democratic Forces (SDF)",
            "Arab tribes",
        ),
        front="Who did what in the war on ISIS since 2014?",
        back="US airpower battered strongholds; Arab tribes fought alongside Kurdish leftists; "
        "Kurdish peshmerga helped the Iraqi army retake Mosul; Russia and the US shared "
        "intelligence",
        tags=("coalition",),
    ),
    fact(
        "us-airpower-since-2014",
        "date",
        "Ever since 2014, US airpower battered ISIS strongholds",
        cloze(
            "q-airpower-since-cloze",
            "Ever since {{1}}, US airpower battered ISIS strongholds.",
            "2014",
        ),
        front="Since when had US airpower been battering ISIS strongholds?",
        back="Since 2014",
        tags=("coalition", "us-policy"),
    ),
    fact(
        "kobani-turning-point",
        "place",
        "A turning point, which marked the beginning of the end for ISIS, was the recapture of "
        "Kobani",
        mc(
            "q-kobani-mc",
            "The recapture of which city does the article call the turning point that marked "
            "the beginning of the end for ISIS?",
            "Kobani",
            "Mosul",
            "Raqqa",
            "Baghouz",
        ),
        short(
            "q-kobani-sa",
            "Name the Kurdish Syrian city on the border with Turkey whose recapture marked the "
            "beginning of the end for ISIS.",
            "Kobani",
            "Kobane",
            "Ain al-Arab",
        ),
        front="Which recapture marked the beginning of the end for ISIS?",
        back="The recapture of Kobani",
        tags=("kobani",),
    ),
    fact(
        "kobani-border-turkey",
        "place",
        "Kobani, a Kurdish Syrian city on the border with Turkey",
        mc(
            "q-kobani-border-mc",
            "Kobani is a Kurdish Syrian city on the border with which country?",
            "Turkey",
            "Iraq",
            "Jordan",
            "Lebanon",
        ),
        front="Where is Kobani?",
        back="A Kurdish Syrian city on the border with Turkey",
        tags=("kobani",),
    ),
    fact(
        "ypg-kobani",
        "actor",
        "The People's Protection Units (YPG), notable for its women fighters, put up a fierce "
        "resistance",
        mc(
            "q-ypg-mc",
            "Which force, notable for its women fighters, put up a fierce resistance at Kobani?",
            "The People's Protection Units (YPG)",
            "Kurdish peshmerga",
            "The Syrian Democratic Forces (SDF)",
            "The Iraqi army",
        ),
        short(
            "q-ypg-name-sa",
            "What does YPG stand for, in English?",
            "People's Protection Units",
            "People's Protection Unit",
        ),
        front="Who put up the fierce resistance at Kobani?",
        back="The People's Protection Units (YPG), notable for its women fighters",
        tags=("kobani",),
    ),
    fact(
        "kobani-resistance-2015",
        "date",
        "put up a fierce resistance in 2015, supported for the first time by the newly formed "
        "coalition",
        mc(
            "q-kobani-year-mc",
            "According to the article, in which year did the YPG put up its fierce resistance "
            "at Kobani, supported for the first time by the newly formed coalition?",
            "2015",
            "2014",
            "2011",
            "2017",
        ),
        front="When did the YPG's resistance at Kobani first get coalition support?",
        back="2015, according to the article",
        note="The article dates it to 2015; the siege of Kobani began in September 2014 and "
        "the city was retaken in January 2015.",
        tags=("kobani",),
    ),
    # ------------------------------------------------------------ Syria and its neighbours
    fact(
        "refugees-returning",
        "outcome",
        "As the Syrian government is close to declaring victory, refugees are beginning to return.",
        tf(
            "q-refugees-tf",
            "The article reports that, with the Syrian government close to declaring victory, "
            "refugees are beginning to return.",
            True,
        ),
        front="What is happening as the Syrian government nears victory?",
        back="Refugees are beginning to return",
        tags=("syria",),
    ),
    fact(
        "arab-league-return",
        "actor",
        "a growing number of Arab states have voiced support for Syria's return to the Arab League",
        short(
            "q-arab-league-sa",
            "A growing number of Arab states have voiced support for Syria's return to which "
            "organisation?",
            "The Arab League",
            "Arab League",
            "League of Arab States",
        ),
        front="Which organisation do a growing number of Arab states want Syria to rejoin?",
        back="The Arab League",
        tags=("syria", "arab-league"),
    ),
    fact(
        "arab-league-suspension-2011",
        "date",
        "they had suspended the country's membership in November 2011",
        mc(
            "q-arab-league-suspension-mc",
            "When had the Arab states suspended Syria's membership of the Arab League?",
            "November 2011",
            "March 2011",
            "November 2014",
            "December 2018",
        ),
        short(
            "q-arab-league-suspension-sa",
            "In which month and year was Syria's Arab League membership suspended?",
            "November 2011",
            "Nov 2011",
        ),
        front="When was Syria's Arab League membership suspended?",
        back="November 2011",
        tags=("syria", "arab-league"),
    ),
    fact(
        "sabbagh-syrian-mp",
        "actor",
        "Syrian MP Hammoudda Sabbagh attended a meeting of Arab states",
        short(
            "q-sabbagh-sa",
            "Which Syrian MP attended a meeting of Arab states in the Jordanian capital?",
            "Hammoudda Sabbagh",
            "Hammouda Sabbagh",
            "Sabbagh",
        ),
        front="Which Syrian MP attended a meeting of Arab states for the first time since the "
        "war began?",
        back="Hammoudda Sabbagh",
        tags=("syria", "arab-league"),
    ),
    fact(
        "meeting-jordanian-capital",
        "place",
        "attended a meeting of Arab states in the Jordanian capital",
        mc(
            "q-meeting-capital-mc",
            "Where did the Syrian MP attend a meeting of Arab states earlier this month?",
            "In the Jordanian capital",
            "In the Egyptian capital",
            "In the Lebanese capital",
            "In the Iraqi capital",
        ),
        front="Where did Syria's MP attend the meeting of Arab states?",
        back="In the Jordanian capital",
        note="The article does not name the city: Jordan's capital is Amman.",
        tags=("syria", "arab-league"),
    ),
    fact(
        "war-broke-out-2011",
        "date",
        "for the first time since the war broke out in 2011",
        num(
            "q-war-2011-num",
            "In which year, according to the article, did the war in Syria break out?",
            2011,
        ),
        front="When did the war in Syria break out?",
        back="2011",
        tags=("syria",),
    ),
    fact(
        "tarawneh-political-settlement",
        "actor",
        'His Jordanian counterpart, Atef al-Tarawneh, called on all middle-eastern nations "to '
        "work towards a political settlement to the Syrian crisis",
        short(
            "q-tarawneh-sa",
            "Who, as the Jordanian counterpart of the Syrian MP, called on all middle-eastern "
            "nations to work towards a political settlement to the Syrian crisis?",
            "Atef al-Tarawneh",
            "Atef Tarawneh",
            "al-Tarawneh",
            "Tarawneh",
        ),
        matching(
            "q-mps-match",
            "Match each MP with the country he represents.",
            [("Hammoudda Sabbagh", "Syria"), ("Atef al-Tarawneh", "Jordan")],
            extra_options=["Iraq", "Lebanon"],
            quote="Syrian MP Hammoudda Sabbagh attended a meeting of Arab states in the "
            "Jordanian capital for the first time since the war broke out in 2011.\n\nHis "
            "Jordanian counterpart, Atef al-Tarawneh, called on all middle-eastern nations "
            '"to work towards a political settlement to the Syrian crisis',
        ),
        front="Who is Atef al-Tarawneh, and what did he call for?",
        back="The Jordanian MP who called for a political settlement to the Syrian crisis and "
        "for Syria to regain its place in the Arab world",
        tags=("syria", "arab-league"),
    ),
    # -------------------------------------------------------------------- what next
    fact(
        "experts-hubris",
        "actor",
        'to suggest that ISIS has been "100% defeated" would be the height of hubris, claim '
        "experts",
        mc(
            "q-hubris-mc",
            'Who, according to the article, claims that suggesting ISIS has been "100% '
            'defeated" would be "the height of hubris"?',
            "Experts",
            "Human Rights Watch",
            "The SDF's spokesman",
            "Peace-keeping officials in the region",
        ),
        front='What do experts say about calling ISIS "100% defeated"?',
        back="That it would be the height of hubris",
        tags=("claims", "aftermath"),
    ),
    fact(
        "isis-will-not-disappear",
        "outcome",
        "Even though the loss of territory marks a huge military defeat for ISIS, it will not "
        "disappear but continue to wreak havoc and death in areas it used to control",
        tf(
            "q-not-disappear-tf",
            "The article predicts that, having lost its territory, ISIS will disappear.",
            False,
            feedback='It says ISIS "will not disappear but continue to wreak havoc and death '
            'in areas it used to control".',
        ),
        front="Will ISIS disappear now that it has lost its territory?",
        back="No: it will continue to wreak havoc and death in areas it used to control",
        tags=("aftermath",),
    ),
    fact(
        "constitutional-committee",
        "outcome",
        "Peace-keeping officials in the region believe that the creation of a constitutional "
        "committee will bring true peace to Syria",
        mc(
            "q-constitutional-committee-mc",
            "What do peace-keeping officials in the region believe will bring true peace to Syria?",
            "The creation of a constitutional committee",
            "Syria's return to the Arab League",
            "The withdrawal of all foreign troops",
            "New presidential elections",
        ),
        front="What do peace-keeping officials believe will bring true peace to Syria?",
        back="The creation of a constitutional committee",
        note="This is the belief of peace-keeping officials in the region, as the article "
        "reports it.",
        tags=("aftermath", "syria"),
    ),
    fact(
        "susa-destroyed",
        "place",
        "constant artillery and air strikes from coalition aircraft on the village of Susa, "
        "recently liberated from ISIS stronghold, has left it completely destroyed",
        mc(
            "q-susa-mc",
            "Which village, recently liberated from ISIS, does the article give as an example "
            "of one left completely destroyed by coalition artillery and air strikes?",
            "Susa",
            "Baghouz",
            "Hajin",
            "Kobani",
        ),
        front="Which village was left completely destroyed by coalition artillery and air strikes?",
        back="Susa",
        tags=("coalition", "civilians"),
    ),
    fact(
        "operation-inherent-resolve",
        "actor",
        "The coalition launched more than 30,000 air strikes during Operation Inherent Resolve",
        short(
            "q-inherent-resolve-sa",
            "What is the name of the coalition's operation against ISIS, during which it "
            "launched more than 30,000 air strikes?",
            "Operation Inherent Resolve",
            "Inherent Resolve",
        ),
        front="What was the coalition's operation against ISIS called?",
        back="Operation Inherent Resolve",
        tags=("coalition",),
    ),
    fact(
        "coalition-strikes-and-deaths",
        "outcome",
        "The coalition launched more than 30,000 air strikes during Operation Inherent Resolve, "
        "laying waste to towns and cities in the process; it took responsibility for 1,190 "
        "civilian deaths, although the numbers are likely higher.",
        num(
            "q-air-strikes-num",
            "The coalition launched more than how many air strikes during Operation Inherent "
            "Resolve?",
            30000,
            display="more than 30,000",
        ),
        num(
            "q-civilian-deaths-num",
            "For how many civilian deaths did the coalition take responsibility?",
            1190,
            display="1,190",
            feedback='The article adds that "the numbers are likely higher".',
        ),
        matching(
            "q-coalition-figures-match",
            "Match each figure with what it counts in Operation Inherent Resolve.",
            [
                ("Air strikes the coalition launched", "More than 30,000"),
                ("Civilian deaths the coalition took responsibility for", "1,190"),
            ],
            extra_options=["11,000", "5,000"],
        ),
        front="What toll does the article give for Operation Inherent Resolve?",
        back="More than 30,000 air strikes; the coalition took responsibility for 1,190 "
        "civilian deaths, likely an undercount",
        tags=("coalition", "civilians", "casualties"),
    ),
    fact(
        "destruction-gained-followers",
        "outcome",
        "Mass destruction may have helped the group to gain more followers, many believe.",
        tf(
            "q-destruction-followers-tf",
            "The article presents it as established fact that mass destruction helped ISIS "
            "gain more followers.",
            False,
            feedback='It is what "many believe": mass destruction "may have helped" the '
            "group gain more followers.",
        ),
        front="What do many believe mass destruction did for ISIS?",
        back="It may have helped the group gain more followers",
        tags=("aftermath", "claims"),
    ),
    fact(
        "potent-force-iraq-syria",
        "place",
        "ISIS is likely to remain a potent force in both Iraq and Syria",
        mr(
            "q-potent-force-mr",
            "In which countries does the article say ISIS is likely to remain a potent force?",
            ["Iraq", "Syria"],
            ["Turkey", "Jordan"],
        ),
        front="Where is ISIS likely to remain a potent force?",
        back="In both Iraq and Syria",
        tags=("aftermath",),
    ),
    fact(
        "existed-longer-without-territory",
        "outcome",
        "It has, after all, existed longer without territory than with it.",
        tf(
            "q-without-territory-tf",
            "According to the article, ISIS has existed longer without territory than with it.",
            True,
        ),
        front="Has ISIS existed longer with territory or without it?",
        back="Without territory",
        tags=("aftermath",),
    ),
    fact(
        "morph-insurgent-group",
        "outcome",
        "as it will morph back from a caliphate into an insurgent group",
        cloze(
            "q-insurgent-cloze",
            "Eliminating ISIS geographically is not good enough, as it will morph back from a "
            "caliphate into an {{1}} group.",
            ("insurgent", "insurgency"),
        ),
        front="What will ISIS morph back into, according to the article?",
        back="An insurgent group",
        tags=("aftermath",),
    ),
    fact(
        "foreign-members-return",
        "outcome",
        "surviving foreign ISIS members seeking to return home can present a major security "
        "challenge in the years ahead",
        mc(
            "q-foreign-members-mc",
            "Why, according to the article, is public safety of paramount priority?",
            "Surviving foreign ISIS members seeking to return home can present a major "
            "security challenge",
            "Returning refugees may include ISIS sleeper cells",
            "ISIS still controls oil fields that pay for attacks abroad",
            "The 200 US troops cannot police the whole region",
        ),
        front="What can present a major security challenge in the years ahead?",
        back="Surviving foreign ISIS members seeking to return home",
        tags=("aftermath", "foreign-fighters"),
    ),
    fact(
        "kurdish-counter-terrorism",
        "actor",
        "Kurdish forces are reportedly switching to counter-terrorism tasks in areas reclaimed "
        "from ISIS",
        cloze(
            "q-counter-terrorism-cloze",
            "Kurdish forces are reportedly switching to {{1}} tasks in areas reclaimed from ISIS.",
            ("counter-terrorism", "counterterrorism", "anti-terrorism"),
        ),
        front="What are Kurdish forces reportedly switching to?",
        back="Counter-terrorism tasks in areas reclaimed from ISIS",
        tags=("aftermath",),
    ),
    # ------------------------------------------------------------ history of the caliphate
    fact(
        "isis-regrouped-some-sources",
        "outcome",
        "The militant group has transformed and, according to some sources, regrouped to stage "
        "a return to its original structure",
        tf(
            "q-regrouped-tf",
            'According to "some sources" cited by the article, ISIS has regrouped to stage a '
            "return to its original structure.",
            True,
            feedback='The article attributes this to "some sources"; it does not confirm it.',
        ),
        front="What do some sources say ISIS has done?",
        back='Regrouped to stage a return to its original structure (per "some sources")',
        tags=("caliphate-history", "claims"),
    ),
    fact(
        "baghdadi-leader",
        "actor",
        "ISIS leader Abu Bakr Al-Baghdadi declared his so-called caliphate",
        short(
            "q-baghdadi-sa",
            "Which ISIS leader declared the so-called caliphate?",
            "Abu Bakr Al-Baghdadi",
            "Abu Bakr Baghdadi",
            "Al-Baghdadi",
            "Baghdadi",
        ),
        front="Who declared the so-called ISIS caliphate?",
        back="Abu Bakr Al-Baghdadi, the ISIS leader",
        tags=("caliphate-history",),
    ),
    fact(
        "caliphate-declared-2014",
        "date",
        "declared his so-called caliphate in 2014",
        mc(
            "q-caliphate-year-mc",
            "In which year did Abu Bakr Al-Baghdadi declare his so-called caliphate?",
            "2014",
            "2011",
            "2015",
            "2003",
        ),
        front="When was the ISIS caliphate declared?",
        back="2014",
        tags=("caliphate-history",),
    ),
    fact(
        "allegiance-al-qaeda",
        "actor",
        "ISIS had pledged allegiance to al-Qaeda",
        mc(
            "q-al-qaeda-mc",
            "To which group had ISIS once pledged allegiance?",
            "Al-Qaeda",
            "The Taliban",
            "Hezbollah",
            "Boko Haram",
        ),
        front="To which group had ISIS pledged allegiance?",
        back="Al-Qaeda",
        tags=("caliphate-history",),
    ),
    fact(
        "iraq-invasion-2003",
        "date",
        "participated in the Iraqi insurgency following the 2003 invasion of Iraq",
        num(
            "q-invasion-year-num",
            "ISIS took part in the Iraqi insurgency that followed the US-led invasion of Iraq. "
            "In which year was that invasion?",
            2003,
        ),
        front="After which invasion did ISIS join the Iraqi insurgency?",
        back="The 2003 US-led invasion of Iraq",
        tags=("caliphate-history",),
    ),
    fact(
        "offensive-2014-iraqi-army",
        "outcome",
        "In 2014, ISIS fighters swept across northern Syria and Iraq in a blistering offensive "
        "that shocked the world, sending the US-funded Iraqi army fleeing.",
        mc(
            "q-army-fleeing-mc",
            "Which army did ISIS's blistering 2014 offensive across northern Syria and Iraq "
            "send fleeing?",
            "The US-funded Iraqi army",
            "The Syrian army",
            "The Kurdish peshmerga",
            "The Turkish army",
        ),
        front="What did ISIS's 2014 offensive across northern Syria and Iraq do?",
        back="It shocked the world and sent the US-funded Iraqi army fleeing",
        tags=("caliphate-history",),
    ),
    fact(
        "yazidi-genocide",
        "actor",
        "Thousands of Yazidis were massacred, and the UN declared it an act of genocide",
        mc(
            "q-yazidis-mc",
            "Thousands of members of which community were massacred by ISIS, in what the UN "
            "declared an act of genocide?",
            "The Yazidis",
            "The Druze",
            "The Alawites",
            "The Assyrians",
        ),
        short(
            "q-un-genocide-sa",
            "Which body declared the massacre of the Yazidis an act of genocide?",
            "The UN",
            "UN",
            "United Nations",
            "The United Nations",
        ),
        front="Whose massacre did the UN declare an act of genocide?",
        back="The Yazidis'",
        tags=("caliphate-history", "civilians"),
    ),
    fact(
        "yazidi-women-unaccounted",
        "outcome",
        "the women taken as sex slaves remain unaccounted for even today",
        tf(
            "q-yazidi-women-tf",
            "The article says that the Yazidi women taken as sex slaves remain unaccounted for "
            "even today.",
            True,
        ),
        front="What became of the Yazidi women taken as sex slaves?",
        back="They remain unaccounted for even today",
        tags=("caliphate-history", "civilians"),
    ),
    fact(
        "caliphate-claimed-authority",
        "outcome",
        "it further claimed religious, political, and military authority over Muslims worldwide",
        mr(
            "q-authority-mr",
            "Having proclaimed itself a worldwide caliphate, what kinds of authority over "
            "Muslims worldwide did the group claim?",
            ["Religious", "Political", "Military"],
            ["Economic", "Tribal"],
        ),
        front="What authority did the caliphate claim over Muslims worldwide?",
        back="Religious, political and military authority",
        tags=("caliphate-history",),
    ),
    fact(
        "baghdadi-holy-war",
        "actor",
        "In a carefully stage-managed address, Bakr called on Muslims around the world to join "
        "his holy war.",
        tf(
            "q-holy-war-tf",
            "In a carefully stage-managed address, the ISIS leader called on Muslims around the "
            "world to join his holy war.",
            True,
        ),
        front="What did the ISIS leader call for in his stage-managed address?",
        back="For Muslims around the world to join his holy war",
        tags=("caliphate-history",),
    ),
    fact(
        "muhajiireens",
        "actor",
        "Thousands of sympathisers and supporters, also known as muhajiireens, played an "
        "important role in furthering the group's influence.",
        short(
            "q-muhajiireens-sa",
            "By what name does the article call the thousands of sympathisers and supporters "
            "who furthered the group's influence?",
            "muhajiireens",
            "muhajireens",
            "muhajireen",
            "muhajirin",
            "muhajiroun",
        ),
        front="Who were the muhajiireens?",
        back="Thousands of sympathisers and supporters who furthered the group's influence",
        tags=("caliphate-history", "foreign-fighters"),
    ),
    fact(
        "muhajiireens-recruitment",
        "outcome",
        "They usually served as recruitment tools, glorifying the caliphate on social media",
        mc(
            "q-muhajiireens-role-mc",
            "How did the muhajiireens usually serve the group, according to the article?",
            "As recruitment tools, glorifying the caliphate on social media",
            "As tax collectors in the caliphate's towns",
            "As guards on the caliphate's borders",
            "As negotiators with local tribes",
        ),
        front="What role did the muhajiireens usually play?",
        back="Recruitment tools: they glorified the caliphate on social media and celebrated "
        "violence against perceived enemies of Islam",
        tags=("caliphate-history",),
    ),
    fact(
        "proto-state-economy",
        "outcome",
        "a functional proto-state that exported oil, relied on taxes, and carried out extortion "
        "and kidnap to sustain itself economically",
        mr(
            "q-proto-state-mr",
            "How did the ISIS proto-state sustain itself economically, according to the "
            "article? Choose all that apply.",
            ["Exporting oil", "Taxes", "Extortion and kidnap"],
            ["Foreign government aid", "Selling electricity abroad"],
        ),
        front="How did the ISIS proto-state sustain itself economically?",
        back="It exported oil, relied on taxes, and carried out extortion and kidnap",
        tags=("caliphate-history",),
    ),
    fact(
        "mass-graves-mosul-raqqa",
        "place",
        "Murderous rampages and mass graves from Mosul to Raqqa marked the ISIS regime in the "
        "region.",
        cloze(
            "q-mass-graves-cloze",
            "Murderous rampages and mass graves from {{1}} to {{2}} marked the ISIS regime in "
            "the region.",
            "Mosul",
            ("Raqqa", "Raqqah", "Rakka"),
        ),
        front="Between which cities did murderous rampages and mass graves mark ISIS rule?",
        back="From Mosul to Raqqa",
        tags=("caliphate-history", "civilians"),
    ),
    # ----------------------------------------------------------------- ISIS in the world
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
    # ---------------------------------------------------------------------------- India
    fact(
        "india-raids-nia-ats",
        "actor",
        "the National Intelligence Agency (NIA) along with the Anti-Terrorism Squad of the "
        "Uttar Pradesh Police raided 16 locations",
        mc(
            "q-ats-state-mc",
            "The NIA carried out the raids along with the Anti-Terrorism Squad of which police "
            "force?",
            "The Uttar Pradesh Police",
            "The Maharashtra Police",
            "The Kerala Police",
            "The Delhi Police",
        ),
        short(
            "q-nia-sa",
            "Which Indian agency, abbreviated NIA, led the raids last December?",
            "National Intelligence Agency",
            "National Investigation Agency",
        ),
        front="Who carried out the raids in India last December?",
        back="The NIA with the Anti-Terrorism Squad of the Uttar Pradesh Police",
        note='The article expands NIA as "National Intelligence Agency"; the agency\'s '
        "official name is the National Investigation Agency.",
        tags=("india",),
    ),
    fact(
        "india-raids-last-december",
        "date",
        "In India, last December, the National Intelligence Agency (NIA)",
        mc(
            "q-india-raids-month-mc",
            "When, according to the article, did the NIA and the Uttar Pradesh Anti-Terrorism "
            "Squad carry out their raids?",
            "Last December",
            "Last October",
            "Last September",
            "Last February",
        ),
        front="When did the NIA raids on the Islamic State-inspired module take place?",
        back="Last December",
        tags=("india",),
    ),
    fact(
        "india-raids-figures",
        "outcome",
        "raided 16 locations, detaining 10 suspects involved in a new Islamic State-inspired "
        "module",
        num(
            "q-raids-locations-num",
            "How many locations did the NIA and the Uttar Pradesh ATS raid last December?",
            16,
        ),
        num(
            "q-raids-suspects-num",
            "How many suspects were detained in the raids last December?",
            10,
        ),
        matching(
            "q-raids-figures-match",
            "Match each figure from last December's raids in India with what it counts.",
            [("Locations raided", "16"), ("Suspects detained", "10")],
            extra_options=["103", "79"],
        ),
        front="What did last December's raids in India amount to?",
        back="16 locations raided, 10 suspects detained",
        tags=("india",),
    ),
    fact(
        "module-up-delhi",
        "place",
        "a new Islamic State-inspired module operating out of UP and Delhi",
        mr(
            "q-module-places-mr",
            "Out of where was the new Islamic State-inspired module operating?",
            ["Uttar Pradesh (UP)", "Delhi"],
            ["Kerala", "Maharashtra"],
        ),
        front="Where was the new Islamic State-inspired module in India operating?",
        back="Out of Uttar Pradesh (UP) and Delhi",
        tags=("india",),
    ),
    fact(
        "mha-report-2017",
        "date",
        "According to a 2017 report by the Ministry of Home Affairs",
        mc(
            "q-mha-report-year-mc",
            "In which year did the Ministry of Home Affairs report on the NIA's ISIS-related "
            "arrests?",
            "2017",
            "2015",
            "2018",
            "2014",
        ),
        front="When did the Ministry of Home Affairs report on the NIA's ISIS arrests?",
        back="In 2017",
        tags=("india",),
    ),
    fact(
        "nia-arrested-103",
        "outcome",
        "the NIA had arrested as many as 103 in connection to cases against ISIS cadres",
        num(
            "q-nia-arrests-num",
            "According to a 2017 Ministry of Home Affairs report, how many people had the NIA "
            "arrested in connection with cases against ISIS cadres?",
            103,
        ),
        front="How many people had the NIA arrested in ISIS cases, per the 2017 MHA report?",
        back="As many as 103",
        tags=("india",),
    ),
    fact(
        "arrests-mostly-up",
        "place",
        "most of them from UP",
        cloze(
            "q-arrests-up-cloze",
            "Of the 103 people the NIA had arrested in cases against ISIS cadres, most were "
            "from {{1}}.",
            ("UP", "Uttar Pradesh"),
        ),
        front="Where were most of the 103 people arrested by the NIA from?",
        back="Uttar Pradesh (UP)",
        tags=("india",),
    ),
    # ------------------------------------------------------------------------ timelines
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
    # --------------------------------------------------------------------------- source
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


@lru_cache(maxsize=1)
def load_bank() -> QuestionSet:
    """The bank as a ``QuestionSet``: its cards (facts) and the questions that test them."""
    built = build(FACTS, article_text())
    return QuestionSet(
        name=BANK_NAME,
        description=BANK_DESCRIPTION,
        questions=built.questions,
        cards=built.cards + __import__("question_bank.article.cloze_cards", fromlist=["_"]).CARDS,  # noqa: E501  h-cards: the article's cloze cards (article/cloze_cards.py)
    )
