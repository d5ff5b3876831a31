"""The article bank's facts: India."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    cloze,
    fact,
    matching,
    mc,
    mr,
    num,
    short,
)

FACTS: tuple[FactSpec, ...] = (
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
)
