"""The article bank's facts: Syria and its neighbours."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    fact,
    matching,
    mc,
    num,
    short,
    tf,
)

FACTS: tuple[FactSpec, ...] = (
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
)
