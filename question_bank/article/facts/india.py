"""The article bank's facts: India.

"Last December", in an article of March 2019, is December 2018: the cards say so.  The
article expands NIA as "National Intelligence Agency"; the agency is the National
Investigation Agency, and the questions accept both and say which is which.
"""

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

RAIDS = "raided 16 locations, detaining 10 suspects involved in a new Islamic State-inspired module"
ATS_NOTE = "The module operated out of UP and Delhi, but the raids were with Uttar Pradesh's ATS."

FACTS: tuple[FactSpec, ...] = (
    fact(
        "india-raids-nia-ats",
        "actor",
        "the National Intelligence Agency (NIA) along with the Anti-Terrorism Squad of the "
        "Uttar Pradesh Police raided 16 locations",
        mc(
            "q-ats-state-mc",
            "In India, last December, the NIA carried out raids against a new Islamic "
            "State-inspired module. The Anti-Terrorism Squad of which police force took part?",
            (
                "The Uttar Pradesh Police",
                "Right: the NIA worked along with the Anti-Terrorism Squad of the Uttar "
                "Pradesh Police, and most of the 103 people arrested earlier were from UP.",
            ),
            (
                "The Madhya Pradesh Police",
                "The article does not mention Madhya Pradesh; the squad was Uttar Pradesh's.",
            ),
            (
                "The Maharashtra Police",
                "The article does not mention Maharashtra; the squad was Uttar Pradesh's.",
            ),
            ("The Delhi Police", ATS_NOTE),
        ),
        short(
            "q-nia-sa",
            "Which Indian agency, abbreviated NIA, led the raids of December 2018 on an "
            "Islamic State-inspired module? Give its full name.",
            "National Investigation Agency",
            "National Intelligence Agency",
            feedback="Its official name is the National Investigation Agency. The article "
            'writes "National Intelligence Agency", a slip, which is accepted too.',
        ),
        front="Which agencies carried out the raids of December 2018 on an Islamic "
        "State-inspired module in India?",
        back="The NIA, with the Anti-Terrorism Squad of the Uttar Pradesh Police",
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
            ("Last December", 'Right: "In India, last December": December 2018.'),
            (
                "Last October",
                "October is when a Turkish threat stopped the operation in Syria, not when "
                "the raids in India took place.",
            ),
            (
                "Last September",
                "September 2018 is when the SDF launched its offensive in Syria.",
            ),
            (
                "Last February",
                "February is when the US reversed Trump's withdrawal order.",
            ),
        ),
        front="When did the NIA raid 16 locations in India, detaining 10 suspects of an "
        "Islamic State-inspired module?",
        back='In December 2018 (the article\'s "last December")',
        tags=("india",),
    ),
    fact(
        "india-raids-16-locations",
        "outcome",
        "raided 16 locations",
        num(
            "q-raids-locations-num",
            "How many locations did the NIA and the Uttar Pradesh ATS raid last December?",
            16,
            feedback="16 locations, where 10 suspects were detained.",
        ),
        front="How many locations did the NIA and Uttar Pradesh's Anti-Terrorism Squad raid "
        "in December 2018?",
        back="16",
        tags=("india",),
    ),
    fact(
        "india-raids-10-suspects",
        "outcome",
        "detaining 10 suspects involved in a new Islamic State-inspired module",
        num(
            "q-raids-suspects-num",
            "How many suspects were detained in the raids last December?",
            10,
            feedback="10 suspects, involved in a new Islamic State-inspired module.",
        ),
        matching(
            "q-raids-figures-match",
            "Match each figure from last December's raids in India with what it counts.",
            [("Locations raided", "16"), ("Suspects detained", "10")],
            extra_options=["103", "79"],
            feedback="16 locations raided and 10 suspects detained. 103 is the number the NIA "
            "had arrested by 2017; 79 the members of the coalition against ISIS.",
            quote=RAIDS,
        ),
        front="How many suspects did the NIA's raids of December 2018 in India detain?",
        back="10",
        tags=("india",),
    ),
    fact(
        "module-up-delhi",
        "place",
        "a new Islamic State-inspired module operating out of UP and Delhi",
        mr(
            "q-module-places-mr",
            "Out of where was the new Islamic State-inspired module operating?",
            [
                ("Uttar Pradesh (UP)", "Right: it operated out of UP and Delhi."),
                ("Delhi", "Right: it operated out of UP and Delhi."),
            ],
            [
                ("Kerala", "The article does not mention Kerala."),
                ("Maharashtra", "The article does not mention Maharashtra."),
            ],
        ),
        front="Where was the Islamic State-inspired module raided in India in December 2018 "
        "operating from?",
        back="Uttar Pradesh (UP) and Delhi",
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
            ("2017", "Right: a 2017 report by the Ministry of Home Affairs."),
            ("2015", "2015 is the year of the YPG's resistance at Kobani."),
            ("2018", "The raids were last December; the report is older: 2017."),
            ("2014", "2014 is the year the caliphate was declared."),
        ),
        front="In which year did India's Ministry of Home Affairs report on the NIA's ISIS "
        "arrests?",
        back="2017",
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
            feedback="As many as 103, most of them from Uttar Pradesh.",
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
            feedback="Most were from Uttar Pradesh (UP), out of which the module raided in "
            "December 2018 also operated.",
        ),
        front="Which Indian state were most of the 103 people arrested by the NIA in ISIS "
        "cases from?",
        back="Uttar Pradesh (UP)",
        tags=("india",),
    ),
)
