"""The article bank's facts: history of the caliphate."""

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

PROTO_STATE = (
    "a functional proto-state that exported oil, relied on taxes, and carried out extortion "
    "and kidnap to sustain itself economically"
)

FACTS: tuple[FactSpec, ...] = (
    fact(
        "isis-regrouped-some-sources",
        "outcome",
        "The militant group has transformed and, according to some sources, regrouped to stage "
        "a return to its original structure",
        tf(
            "q-regrouped-tf",
            "Some sources cited in the article say that ISIS has regrouped, aiming to go back to "
            "the structure it had at first.",
            True,
            if_wrong='The article reports that "according to some sources" ISIS has '
            '"regrouped to stage a return to its original structure"; it does not confirm it.',
        ),
        front="What, according to some sources cited in the article, has ISIS regrouped to do?",
        back="Stage a return to its original structure",
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
            feedback="Abu Bakr Al-Baghdadi declared his so-called caliphate in 2014.",
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
            ("2014", "Right: the caliphate was declared in 2014."),
            ("2011", "2011 is when the war in Syria broke out."),
            ("2015", "2015 is when the YPG's resistance at Kobani got coalition support."),
            ("2003", "2003 is the year of the US-led invasion of Iraq."),
        ),
        front="In which year was the ISIS caliphate declared?",
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
            ("Al-Qaeda", "Right: ISIS had pledged allegiance to al-Qaeda."),
            ("The Taliban", "The article does not mention the Taliban."),
            ("Hezbollah", "The article does not mention Hezbollah."),
            (
                "Boko Haram",
                "The article mentions Nigeria only among places where ISIS-led insurgencies "
                "continue.",
            ),
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
            feedback="2003: ISIS took part in the Iraqi insurgency that followed it.",
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
            ("The Iraqi army", 'Right: "the US-funded Iraqi army".'),
            (
                "The Syrian army",
                "The article says the offensive sent the Iraqi army fleeing, not the Syrian army.",
            ),
            (
                "The Kurdish peshmerga",
                "The peshmerga later coordinated with the Iraqi army to recapture Mosul.",
            ),
            ("The Turkish army", "Turkey's army does not appear in the 2014 offensive."),
        ),
        front="Which army did ISIS's 2014 offensive across northern Syria and Iraq send fleeing?",
        back="The US-funded Iraqi army",
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
            ("The Yazidis", "Right: the UN declared the massacre of the Yazidis a genocide."),
            ("The Druze", "The article does not mention the Druze."),
            ("The Alawites", "The article does not mention the Alawites."),
            ("The Assyrians", "The article does not mention the Assyrians."),
        ),
        short(
            "q-un-genocide-sa",
            "Which body declared the massacre of the Yazidis an act of genocide?",
            "The UN",
            "UN",
            "United Nations",
            "The United Nations",
            feedback="The UN declared the massacre of thousands of Yazidis an act of genocide.",
        ),
        front="Whose massacre by ISIS did the UN declare an act of genocide?",
        back="The Yazidis'",
        tags=("caliphate-history", "civilians"),
    ),
    fact(
        "yazidi-women-unaccounted",
        "outcome",
        "the women taken as sex slaves remain unaccounted for even today",
        tf(
            "q-yazidi-women-tf",
            "According to the article, the Yazidi women whom ISIS took as sex slaves have since "
            "been traced.",
            False,
            if_wrong='They "remain unaccounted for even today".',
        ),
        front="What has become of the Yazidi women whom ISIS took as sex slaves?",
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
            [
                ("Religious", "Right: religious, political and military authority."),
                ("Political", "Right: religious, political and military authority."),
                ("Military", "Right: religious, political and military authority."),
            ],
            [
                (
                    "Economic",
                    "The proto-state sustained itself economically, but the authority it "
                    "claimed over Muslims was religious, political and military.",
                ),
                ("Tribal", "The article names no tribal authority."),
            ],
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
            "In an address staged with care, the leader of ISIS urged Muslims across the globe "
            "to take part in his holy war.",
            True,
            if_wrong='"In a carefully stage-managed address, Bakr called on Muslims around the '
            'world to join his holy war."',
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
            feedback="Muhajiireens: thousands of sympathisers and supporters who furthered "
            "the group's influence.",
        ),
        front="In the history of ISIS, who were the muhajiireens?",
        back="Sympathisers and supporters who furthered the group's influence",
        tags=("caliphate-history", "foreign-fighters"),
    ),
    fact(
        "muhajiireens-recruitment",
        "outcome",
        "They usually served as recruitment tools, glorifying the caliphate on social media",
        mc(
            "q-muhajiireens-role-mc",
            "How did the muhajiireens usually serve the group, according to the article?",
            (
                "As recruiters, glorifying it on social media",
                "Right: they usually served as recruitment tools, glorifying the caliphate on "
                "social media.",
            ),
            (
                "As tax collectors in the caliphate's own towns",
                "The proto-state relied on taxes, but the article gives the muhajiireens "
                "another role.",
            ),
            (
                "As guards along the caliphate's borders",
                "The article gives them no military role; they were recruitment tools.",
            ),
            (
                "As go-betweens with the local tribes",
                "The article mentions Arab tribes only as fighting alongside Kurdish leftists "
                "against ISIS.",
            ),
        ),
        front="What role did the muhajiireens usually play for ISIS?",
        back="Recruitment tools, glorifying the caliphate on social media",
        tags=("caliphate-history",),
    ),
    fact(
        "proto-state-exported-oil",
        "outcome",
        "a functional proto-state that exported oil",
        mr(
            "q-proto-state-mr",
            "How did the ISIS proto-state sustain itself economically, according to the "
            "article? Choose all that apply.",
            [
                ("Exporting oil", "Right: it exported oil."),
                ("Taxes", "Right: it relied on taxes."),
                ("Extortion and kidnap", "Right: it carried out extortion and kidnap."),
            ],
            [
                (
                    "Foreign government aid",
                    "The article names no government that funded it.",
                ),
                (
                    "Selling electricity abroad",
                    "Oil is the only export the article names.",
                ),
            ],
            quote=PROTO_STATE,
        ),
        front="What did the ISIS proto-state export to sustain itself economically?",
        back="Oil",
        tags=("caliphate-history",),
    ),
    fact(
        "proto-state-extortion-kidnap",
        "outcome",
        "carried out extortion and kidnap to sustain itself economically",
        cloze(
            "q-proto-state-crimes-cloze",
            "Besides exporting oil and relying on taxes, the ISIS proto-state carried out "
            "extortion and {{1}} to sustain itself economically.",
            ("kidnap", "kidnapping", "kidnappings", "kidnaps"),
            feedback="Extortion and kidnap, besides oil exports and taxes.",
        ),
        front="Besides exporting oil and relying on taxes, what crimes did the ISIS proto-state "
        "carry out to sustain itself?",
        back="Extortion and kidnap",
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
            feedback="From Mosul, in Iraq, to Raqqa, in Syria.",
        ),
        front="Between which cities did murderous rampages and mass graves mark ISIS rule?",
        back="From Mosul to Raqqa",
        tags=("caliphate-history", "civilians"),
    ),
)
