"""The article bank's facts: Syria and its neighbours."""

from __future__ import annotations

from question_bank.article.builder import (
    FactSpec,
    fact,
    mc,
    num,
    short,
    tf,
)
from question_bank.article.categories import CAUSES_AND_CLAIMS as UNDERSTANDING

FACTS: tuple[FactSpec, ...] = (
    fact(
        "refugees-returning",
        "outcome",
        "Things are changing in Syria. As the Syrian government is close to declaring victory, "
        "refugees are beginning to return.",
        tf(
            "q-refugees-tf",
            "With Damascus nearing victory in its war, Syrians who fled abroad are starting to "
            "come home, the article says.",
            True,
            if_wrong="It is true: as the Syrian government is close to declaring victory, "
            "refugees are beginning to return.",
        ),
        front="What is happening as the Syrian government nears victory?",
        back="Refugees are beginning to return",
        note="One sign that things are changing in Syria: with the government close to "
        "declaring victory, refugees are beginning to return.",
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
            feedback="The Arab League, which had suspended Syria in November 2011; a growing "
            "number of Arab states now support its return.",
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
            ("March 2011", "The war broke out in 2011; the suspension came in November."),
            ("November 2014", "2014 is the year of the caliphate, not of the suspension."),
            ("December 2018", "December 2018 is the US withdrawal announcement."),
        ),
        short(
            "q-arab-league-suspension-sa",
            "In which month and year was Syria's Arab League membership suspended?",
            "November 2011",
            "Nov 2011",
        ),
        front="When was Syria's Arab League membership suspended?",
        back="November 2011",
        note="The Arab states suspended Syria's membership in November 2011, the year the "
        "war broke out.",
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
        note="Hammoudda Sabbagh, a Syrian MP, attended a meeting of Arab states in Jordan's "
        "capital, the first such visit since the war broke out in 2011.",
        tags=("syria", "arab-league"),
    ),
    fact(
        "meeting-jordanian-capital",
        "place",
        "attended a meeting of Arab states in the Jordanian capital",
        mc(
            "q-meeting-capital-mc",
            "Where did the Syrian MP attend a meeting of Arab states earlier this month?",
            "In Jordan's capital",
            ("In Saudi Arabia's capital", "The article places the meeting in Jordan."),
            ("In Lebanon's capital", "The article places the meeting in Jordan."),
            ("In Iraq's capital", "The article places the meeting in Jordan."),
        ),
        front="Where did Syria's MP attend the meeting of Arab states?",
        back="In the Jordanian capital, Amman",
        note='The article says only "the Jordanian capital", without naming the city: Amman.',
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
        note="The war broke out in 2011; the Arab League suspended Syria in November of that year.",
        tags=("syria",),
    ),
    fact(
        "syria-back-in-arab-fold",
        UNDERSTANDING,
        "Syrian MP Hammoudda Sabbagh attended a meeting of Arab states in the Jordanian capital "
        "for the first time since the war broke out in 2011.",
        mc(
            "q-meeting-significance-mc",
            "Why does the article report the Syrian MP's presence at a meeting of Arab states "
            "as a sign that things are changing?",
            (
                "It signals Syria's return to the Arab fold after years apart",
                "Right: the first such attendance since 2011, as more Arab states back Syria's "
                "return to the Arab League.",
            ),
            (
                "It marks the end of Jordan's military part in the Syrian war",
                "The article gives Jordan no military part; its MP called for a political "
                "settlement.",
            ),
            (
                "It shows that Syria has now formally rejoined the Arab League",
                "Not yet: Arab states have voiced support for its return; the 2011 suspension "
                "is not said to be lifted.",
            ),
            (
                "It proves the Syrian government has declared victory",
                'The government is only "close to declaring victory".',
            ),
        ),
        front="Why is a Syrian MP's attendance at a meeting of Arab states in 2019 a sign of "
        "change?",
        back="It was the first since the war broke out in 2011: Syria is returning to the Arab "
        "fold",
        note="Syria had been suspended from the Arab League in November 2011. A Syrian MP at a "
        "meeting of Arab states, for the first time since the war began, and growing support "
        "for its return show Syria coming back into the Arab world.",
        tags=("understanding", "syria", "arab-league"),
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
        front="Which Jordanian MP called on Middle-Eastern nations to work towards a political "
        "settlement to the Syrian crisis?",
        back="Atef al-Tarawneh",
        note="Atef al-Tarawneh, the Syrian MP's Jordanian counterpart, called for a political "
        "settlement to the Syrian crisis.",
        tags=("syria", "arab-league"),
    ),
    fact(
        "tarawneh-syria-arab-world",
        "actor",
        'and for Syria to regain its place" in the Arab world',
        mc(
            "q-settlement-call-mc",
            "At the meeting of Arab states that a Syrian MP attended, who called for Syria to "
            "regain its place in the Arab world?",
            "Atef al-Tarawneh, a Jordanian MP",
            (
                "Hammoudda Sabbagh, a Syrian MP",
                "Sabbagh attended the meeting; the call came from his Jordanian counterpart.",
            ),
            (
                "Mustafa Bali, an SDF spokesman",
                "Bali spoke for the SDF about the caliphate's defeat, not at this meeting.",
            ),
            (
                "Recep Tayyip Erdogan, Turkey's president",
                "Erdogan appears in the article threatening a safe zone, not at this meeting.",
            ),
            quote="His Jordanian counterpart, Atef al-Tarawneh, called on all middle-eastern "
            'nations "to work towards a political settlement to the Syrian crisis \u2026 and '
            'for Syria to regain its place" in the Arab world.',
        ),
        front="Besides a political settlement, what did Jordan's Atef al-Tarawneh call for?",
        back="For Syria to regain its place in the Arab world",
        note="The call came from the Jordanian MP Atef al-Tarawneh: a political settlement to "
        "the Syrian crisis, and Syria's return to its place in the Arab world.",
        tags=("syria", "arab-league"),
    ),
)
