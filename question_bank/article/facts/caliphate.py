"""The article bank's facts: the fall of the caliphate."""

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

FACTS: tuple[FactSpec, ...] = (
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
)
