"""The article bank's facts: the war on ISIS.

Each force's part in the war is its own card (one fact a card); the matching question that
asks for all four tests the first of them and quotes the whole sentence.
"""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    cloze,
    fact,
    matching,
    mc,
    num,
    short,
    tf,
)

FACTS: tuple[FactSpec, ...] = (
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
        note="The war on ISIS drew some of the world's most powerful armies, local forces and "
        "allied troops into a 79-member coalition.",
        tags=("coalition",),
    ),
    fact(
        "arab-tribes-kurdish-leftists",
        "actor",
        "Arab tribes fought alongside Kurdish leftists in northern Syria",
        matching(
            "q-war-roles-match",
            "Match each force with its part in the war on ISIS since 2014, as the article "
            "describes it. Some parts belong to none of these forces.",
            [
                ("US airpower", "Battered ISIS strongholds"),
                ("Arab tribes", "Fought alongside Kurdish leftists in northern Syria"),
                ("Kurdish peshmerga", "Coordinated with the Iraqi army to recapture Mosul"),
                ("Russian and US forces", "Shared intelligence"),
            ],
            extra_options=[
                'Threatened to set up a "safe zone" in Syria',
                "Declared the caliphate's territorial defeat",
                "Suspended Syria's Arab League membership",
            ],
            feedback="US airpower battered strongholds; Arab tribes fought alongside Kurdish "
            "leftists in northern Syria; the Kurdish peshmerga worked with the Iraqi army to "
            "retake Mosul; Russia and the US shared intelligence. The safe-zone threat was "
            "Turkey's, the declaration the SDF's, and the suspension the Arab states'.",
            quote="US airpower battered ISIS strongholds, Arab tribes fought alongside Kurdish "
            "leftists in northern Syria, Kurdish peshmerga coordinated with the Iraqi army to "
            "recapture Mosul, and Russian and US forces shared intelligence",
        ),
        front="In northern Syria, alongside whom did Arab tribes fight ISIS, according to the "
        "article?",
        back="Kurdish leftists",
        note="Arab tribes fought alongside Kurdish leftists in northern Syria, the alliance "
        "behind the SDF.",
        tags=("coalition",),
    ),
    fact(
        "peshmerga-iraqi-army-mosul",
        "actor",
        "Kurdish peshmerga coordinated with the Iraqi army to recapture Mosul",
        mc(
            "q-peshmerga-mosul-mc",
            "Who coordinated with the Iraqi army to recapture Mosul?",
            "Kurdish peshmerga",
            (
                "The People's Protection Units (YPG)",
                "The YPG fought in Syria, at Kobani; Mosul is in Iraq.",
            ),
            (
                "The Syrian Democratic Forces (SDF)",
                "The SDF fought in Syria, from Raqqa to Baghouz, not at Mosul.",
            ),
            ("Arab tribes", "Arab tribes fought alongside Kurdish leftists in northern Syria."),
        ),
        front="Which Kurdish force coordinated with the Iraqi army to recapture Mosul?",
        back="The Kurdish peshmerga",
        note="In Iraq, the Kurdish peshmerga coordinated with the Iraqi army to recapture Mosul.",
        tags=("coalition",),
    ),
    fact(
        "russia-us-shared-intelligence",
        "actor",
        "Russian and US forces shared intelligence",
        tf(
            "q-intelligence-tf",
            "In the article's account of the war on ISIS, even Russia and the United States "
            "passed each other information.",
            True,
            if_wrong="It is true: the article lists, among the war's alliances, that Russian "
            "and US forces shared intelligence.",
        ),
        front="Which two rival powers shared intelligence in the war on ISIS, according to "
        "the article?",
        back="Russia and the United States",
        note="The article's point is how many rivals the war on ISIS brought together: even "
        "Russian and US forces shared intelligence.",
        tags=("coalition",),
    ),
    fact(
        "us-airpower-since-2014",
        "date",
        "Ever since 2014, US airpower battered ISIS strongholds",
        cloze(
            "q-airpower-since-cloze",
            "US airpower had been battering ISIS strongholds ever since {{1}}.",
            "2014",
        ),
        front="Since when had US airpower been battering ISIS strongholds?",
        back="Since 2014",
        note="2014 is the year ISIS swept across Syria and Iraq and declared its caliphate; US "
        "airpower battered its strongholds from then on.",
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
            ("Mosul", "Mosul was retaken later, by the peshmerga and the Iraqi army."),
            ("Raqqa", "Raqqa was one of the later major battles."),
            ("Baghouz", "Baghouz was the very end, not the beginning of the end."),
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
        note="The article calls the recapture of Kobani the turning point: the beginning of "
        "the end for ISIS.",
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
            ("Iraq", "Baghouz is near the Iraqi border; Kobani is on the Turkish one."),
            ("Jordan", "Jordan borders southern Syria; Kobani is in the north."),
            ("Lebanon", "Lebanon borders western Syria; Kobani is in the north."),
        ),
        front="On which country's border does the Kurdish Syrian city of Kobani lie?",
        back="Turkey",
        note="Kobani is a Kurdish city in northern Syria, on the border with Turkey.",
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
            (
                "The Kurdish peshmerga forces of Iraq",
                "The peshmerga fought in Iraq, with the Iraqi army at Mosul.",
            ),
            (
                "The Syrian Democratic Forces (SDF)",
                "The SDF led the later offensive; at Kobani it was the YPG.",
            ),
            ("The Iraqi army", "The Iraqi army fought at Mosul, in Iraq."),
        ),
        short(
            "q-ypg-name-sa",
            "What does YPG stand for, in English?",
            "People's Protection Units",
            "People's Protection Unit",
        ),
        front="Who put up the fierce resistance at Kobani?",
        back="The People's Protection Units (YPG), notable for its women fighters",
        note="The YPG, the People's Protection Units, known for its women fighters, held "
        "Kobani with the newly formed coalition's support.",
        tags=("kobani",),
    ),
    fact(
        "kobani-resistance-2015",
        "date",
        "put up a fierce resistance in 2015, supported for the first time by the newly formed "
        "coalition",
        mc(
            "q-kobani-year-mc",
            "In which year does the article date the YPG's fierce resistance at Kobani, "
            "backed for the first time by the newly formed coalition?",
            "2015",
            ("2011", "2011 is when the war in Syria broke out."),
            ("2017", "The article gives 2017 only as the year of India's report on ISIS arrests."),
            ("2019", "2019 is the year of Baghouz, the very end."),
        ),
        front="In which year does the article date the YPG's coalition-backed resistance at "
        "Kobani?",
        back="2015 (the siege had begun in September 2014)",
        note="The article dates it to 2015, when the city was retaken (January 2015). The "
        "siege began in September 2014, so 2014 is not offered as a choice.",
        tags=("kobani",),
    ),
)
