"""The article bank's facts: the war on ISIS."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    cloze,
    fact,
    matching,
    mc,
    num,
    short,
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
)
